using System.Buffers;
using System.Net.ServerSentEvents;
using System.Text.Json.Serialization.Metadata;

namespace SseGen;

/// <summary>
/// One whole event frame, encoded as UTF-8 once and written as is to any number of streams
/// (<see cref="SseFrameWriter.WriteFrame"/>): what a broadcast hands every subscriber, or a relay passes on.
/// </summary>
/// <remarks>
/// A frame is built only by <see cref="SseFrameWriter"/>, so it holds the same validated, spec-exact bytes a stream would
/// have written itself: whole frames ending in a blank line, data that cannot open a field or an event. It is immutable
/// and safe to share across threads.
/// </remarks>
public sealed class SseFrame
{
    // One buffer and writer per thread: building a frame allocates only its own bytes and this object.
    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, SseFrameWriter Writer)? _scratch;

    private readonly byte[] _utf8;

    private SseFrame(byte[] utf8, string? eventType, string? id)
    {
        _utf8 = utf8;
        EventType = eventType;
        Id = id;
    }

    /// <summary>The frame's bytes, from its first field to its closing blank line.</summary>
    public ReadOnlyMemory<byte> Utf8 => _utf8;

    /// <summary>The frame's <c>event:</c> field as given when it was built; <see langword="null"/> when unknown or none.</summary>
    public string? EventType { get; }

    /// <summary>The frame's <c>id:</c> field as given when it was built; <see langword="null"/> when unknown or none.</summary>
    public string? Id { get; }

    /// <summary>Builds an event whose data is <paramref name="data"/>, as <see cref="SseFrameWriter.WriteEvent(ReadOnlySpan{char}, string?, string?, long?)"/> writes it.</summary>
    /// <param name="data">The event data; CRLF, LF and lone CR each start a new <c>data:</c> line.</param>
    /// <param name="eventType">The <c>event:</c> field; <see langword="null"/>, empty or <c>message</c> writes none.</param>
    /// <param name="id">The <c>id:</c> field; <see langword="null"/> writes none.</param>
    /// <param name="retryMilliseconds">The <c>retry:</c> field; <see langword="null"/> writes none.</param>
    /// <returns>The frame.</returns>
    /// <exception cref="ArgumentException"><paramref name="eventType"/> or <paramref name="id"/> is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryMilliseconds"/> is negative.</exception>
    public static SseFrame Create(string data, string? eventType = null, string? id = null, long? retryMilliseconds = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Build((data, eventType, id, retryMilliseconds), static (w, s) => w.WriteEvent(s.data.AsSpan(), s.eventType, s.id, s.retryMilliseconds), eventType, id);
    }

    /// <summary>Builds an event whose data is <paramref name="value"/> as compact JSON, as <see cref="SseFrameWriter.WriteJsonEvent{T}"/> writes it.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="value">The value to serialize.</param>
    /// <param name="typeInfo">The serialization contract, typically from the application's options.</param>
    /// <param name="eventType">The <c>event:</c> field; <see langword="null"/>, empty or <c>message</c> writes none.</param>
    /// <param name="id">The <c>id:</c> field; <see langword="null"/> writes none.</param>
    /// <returns>The frame.</returns>
    /// <exception cref="ArgumentException"><paramref name="eventType"/> or <paramref name="id"/> is invalid.</exception>
    public static SseFrame CreateJson<T>(T value, JsonTypeInfo<T> typeInfo, string? eventType = null, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return Build((value, typeInfo, eventType, id), static (w, s) => w.WriteJsonEvent(s.value, s.typeInfo, s.eventType, s.id), eventType, id);
    }

    /// <summary>Builds <paramref name="item"/>'s event, as <see cref="SseFrameWriter.WriteItem(SseItem{string})"/> writes it.</summary>
    /// <param name="item">The item: data, event type, id and reconnection interval.</param>
    /// <returns>The frame.</returns>
    /// <exception cref="ArgumentException">The item's event type or id is invalid.</exception>
    public static SseFrame FromItem(SseItem<string> item) =>
        Build(item, static (w, i) => w.WriteItem(i), item.EventType, item.EventId);

    /// <summary>
    /// Takes an event exactly as another stream encoded it, for a relay that passes an upstream on byte for byte (for
    /// example each event of <c>SseClient.StreamRawAsync</c>): its fields, comments and line ends are kept as they are.
    /// </summary>
    /// <param name="utf8">
    /// One or more whole events: any lines, each ended by CRLF, LF or CR, the last of them blank, so the frame cannot run
    /// into whatever is written after it. The bytes are copied: the frame's own are the only allocation.
    /// </param>
    /// <returns>The frame; its <see cref="EventType"/> and <see cref="Id"/> are <see langword="null"/> (not parsed).</returns>
    /// <exception cref="ArgumentException"><paramref name="utf8"/> is empty or does not end with a blank line.</exception>
    public static SseFrame FromUtf8(ReadOnlySpan<byte> utf8)
    {
        if (!EndsWithBlankLine(utf8))
        {
            // Half an event would take its fields from whatever the stream writes next: a heartbeat, or another event.
            throw new ArgumentException("An SSE frame must be whole events, ending with a blank line (two line ends in a row).", nameof(utf8));
        }

        return new SseFrame(utf8.ToArray(), eventType: null, id: null);
    }

    /// <summary>
    /// Builds a frame with whatever <paramref name="write"/> writes, for example an endpoint's generated item writer
    /// (a typed union picks the event type of the item's runtime type).
    /// </summary>
    /// <typeparam name="TState">What <paramref name="write"/> needs.</typeparam>
    /// <param name="state">Passed to <paramref name="write"/>.</param>
    /// <param name="write">Writes the frame; it must write one event (it may write nothing but whole frames).</param>
    /// <param name="id">The id <paramref name="write"/> gives the event, kept as <see cref="Id"/>; <see langword="null"/> when none or unknown.</param>
    /// <returns>The frame.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="write"/> wrote nothing.</exception>
    public static SseFrame Capture<TState>(TState state, Action<SseFrameWriter, TState> write, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(write);
        return Build(state, write, eventType: null, id);
    }

    /// <summary>
    /// Wraps bytes another server's <see cref="SseFrameWriter"/> encoded (a topic's event through a backplane), without
    /// copying; the caller has checked they are whole frames (<see cref="TopicFrameTemplate.IsWholeFrames"/>).
    /// </summary>
    internal static SseFrame FromEncoded(byte[] utf8, string? id) => new(utf8, eventType: null, id);

    private static SseFrame Build<TState>(TState state, Action<SseFrameWriter, TState> write, string? eventType, string? id)
    {
        // Taken out of its slot while in use, so a frame built inside another frame's callback gets a scratch of its own.
        (ArrayBufferWriter<byte> buffer, SseFrameWriter writer) = _scratch ?? NewScratch();
        _scratch = null;
        try
        {
            write(writer, state);
            if (buffer.WrittenCount == 0)
            {
                throw new InvalidOperationException("An SSE frame must hold an event; the writer wrote nothing.");
            }

            return new SseFrame(buffer.WrittenSpan.ToArray(), eventType, id);
        }
        finally
        {
            // On a throw too: the frame writer leaves nothing behind, and the buffer starts empty for the next frame.
            buffer.ResetWrittenCount();
            _scratch = (buffer, writer);
        }
    }

    /// <summary>Whether the last line of <paramref name="utf8"/> is an empty one, ended by CRLF, LF or CR.</summary>
    private static bool EndsWithBlankLine(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty || utf8[^1] is not ((byte)'\n' or (byte)'\r'))
        {
            return false;
        }

        // Where the last line end starts: a CRLF is one line end, so "data: x\r\n" ends a data line, not a blank one.
        int lastLineEnd = utf8[^1] == '\n' && utf8.Length >= 2 && utf8[^2] == '\r' ? utf8.Length - 2 : utf8.Length - 1;
        return lastLineEnd == 0 || utf8[lastLineEnd - 1] is (byte)'\n' or (byte)'\r';
    }

    private static (ArrayBufferWriter<byte>, SseFrameWriter) NewScratch()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        return (buffer, new SseFrameWriter(buffer));
    }
}
