using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace SseGen;

/// <summary>
/// Writes Server-Sent Events frames, spec-exact (WHATWG HTML, "Server-sent events"), into an <see cref="IBufferWriter{T}"/>
/// without intermediate strings. One instance serves one stream; it is not thread-safe.
/// </summary>
/// <remarks>
/// Every event is validated before its first byte is written, every line of data becomes its own <c>data:</c> field,
/// and every event ends with a blank line, so user data can never open a field or an event of its own.
/// </remarks>
public sealed class SseFrameWriter
{
    private const string DefaultEventType = "message";

    // Events up to this size are formatted into one span; larger ones are written piece by piece, no piece larger, so
    // a huge event never makes the output allocate a buffer of its size.
    private const int SingleSpanLimit = 16 * 1024;

    // What Utf8JsonWriter asks for first: the room a JSON event is serialized in, in place.
    private const int JsonRoomHint = 256;

    // "retry: ", the 19 digits of long.MaxValue, LF.
    private const int RetryFieldBound = 7 + 19 + 1;

    private readonly IBufferWriter<byte> _output;
    private JsonFrameBuffer? _json;
    private Utf8JsonWriter? _jsonWriter;
    private JsonSerializerOptions? _jsonWriterOptionsSource;

    /// <summary>Creates a writer that appends frames to <paramref name="output"/>.</summary>
    /// <param name="output">Where frames go, for example a response's <c>PipeWriter</c>.</param>
    public SseFrameWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>The number of bytes this writer has written so far.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Writes one event whose data is the UTF-8 text <paramref name="utf8Data"/>.</summary>
    /// <param name="utf8Data">The event data; CRLF, LF and lone CR each start a new <c>data:</c> line.</param>
    /// <param name="eventType">The <c>event:</c> field; <see langword="null"/>, empty or <c>message</c> writes none.</param>
    /// <param name="id">The <c>id:</c> field; <see langword="null"/> writes none, empty resets the client's last event id.</param>
    /// <param name="retryMilliseconds">The <c>retry:</c> field, in milliseconds; <see langword="null"/> writes none.</param>
    /// <exception cref="ArgumentException"><paramref name="eventType"/> or <paramref name="id"/> is invalid; nothing was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryMilliseconds"/> is negative; nothing was written.</exception>
    public void WriteEvent(ReadOnlySpan<byte> utf8Data, string? eventType = null, string? id = null, long? retryMilliseconds = null)
    {
        ValidateFields(eventType, id, retryMilliseconds);
        WriteFieldsAndData<byte, Utf8Units>(utf8Data, eventType, id, retryMilliseconds);
    }

    /// <summary>Writes one event whose data is <paramref name="data"/>, encoded as UTF-8.</summary>
    /// <param name="data">The event data; CRLF, LF and lone CR each start a new <c>data:</c> line; invalid UTF-16 becomes U+FFFD.</param>
    /// <param name="eventType">The <c>event:</c> field; <see langword="null"/>, empty or <c>message</c> writes none.</param>
    /// <param name="id">The <c>id:</c> field; <see langword="null"/> writes none, empty resets the client's last event id.</param>
    /// <param name="retryMilliseconds">The <c>retry:</c> field, in milliseconds; <see langword="null"/> writes none.</param>
    /// <exception cref="ArgumentException"><paramref name="eventType"/> or <paramref name="id"/> is invalid; nothing was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryMilliseconds"/> is negative; nothing was written.</exception>
    public void WriteEvent(ReadOnlySpan<char> data, string? eventType = null, string? id = null, long? retryMilliseconds = null)
    {
        ValidateFields(eventType, id, retryMilliseconds);
        WriteFieldsAndData<char, Utf16Units>(data, eventType, id, retryMilliseconds);
    }

    /// <summary>Writes one event whose data is <paramref name="value"/> serialized as compact JSON.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="value">The value to serialize.</param>
    /// <param name="typeInfo">
    /// The serialization contract, typically from the application's <see cref="JsonSerializerOptions"/> through
    /// <see cref="SseEndpointBinding.GetJsonTypeInfo{T}"/>, which takes the source-generated fast path where it writes the same bytes.
    /// </param>
    /// <param name="eventType">The <c>event:</c> field; <see langword="null"/>, empty or <c>message</c> writes none.</param>
    /// <param name="id">The <c>id:</c> field; <see langword="null"/> writes none, empty resets the client's last event id.</param>
    /// <param name="retryMilliseconds">The <c>retry:</c> field, in milliseconds; <see langword="null"/> writes none.</param>
    /// <exception cref="ArgumentException"><paramref name="eventType"/> or <paramref name="id"/> is invalid; nothing was written.</exception>
    /// <remarks>
    /// If serialization throws, nothing was written either: the frame is advanced on the output only once its JSON is
    /// complete, and the writer is left ready for the next event.
    /// </remarks>
    public void WriteJsonEvent<T>(T value, JsonTypeInfo<T> typeInfo, string? eventType = null, string? id = null, long? retryMilliseconds = null)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        Utf8JsonWriter json = StartJson(typeInfo.Options, eventType, id, retryMilliseconds, out Memory<byte> frame, out int dataStart);
        try
        {
            JsonSerializer.Serialize(json, value, typeInfo);
            EndJson(json, frame, dataStart, eventType, id, retryMilliseconds);
        }
        finally
        {
            ResetJsonWriter(json);
        }
    }

    /// <summary>
    /// Writes one event whose data is <paramref name="value"/> serialized as compact JSON with the contract of its runtime type,
    /// for items of a typed union that the stream's static type does not describe.
    /// </summary>
    /// <param name="value">The value to serialize; an instance of <paramref name="typeInfo"/>'s type.</param>
    /// <param name="typeInfo">The contract of <paramref name="value"/>'s runtime type.</param>
    /// <param name="eventType">The <c>event:</c> field; <see langword="null"/>, empty or <c>message</c> writes none.</param>
    /// <exception cref="ArgumentException"><paramref name="eventType"/> is invalid; nothing was written.</exception>
    internal void WriteJsonEvent(object value, JsonTypeInfo typeInfo, string? eventType)
    {
        Utf8JsonWriter json = StartJson(typeInfo.Options, eventType, id: null, retryMilliseconds: null, out Memory<byte> frame, out int dataStart);
        try
        {
            JsonSerializer.Serialize(json, value, typeInfo);
            EndJson(json, frame, dataStart, eventType, id: null, retryMilliseconds: null);
        }
        finally
        {
            ResetJsonWriter(json);
        }
    }

    /// <summary>Writes <paramref name="item"/>'s data with its event type, id and reconnection interval.</summary>
    /// <param name="item">The item to write.</param>
    /// <exception cref="ArgumentException">The item's event type or id is invalid; nothing was written.</exception>
    /// <remarks>
    /// The reconnection interval is written in whole milliseconds, truncated as <see cref="SseFormatter"/> does (1.9 ms is
    /// <c>retry: 1</c>, under 1 ms is <c>retry: 0</c>); every interval up to <see cref="TimeSpan.MaxValue"/> is exact.
    /// </remarks>
    public void WriteItem(SseItem<string> item) =>
        WriteEvent(item.Data.AsSpan(), item.EventType, item.EventId, ToRetryMilliseconds(item.ReconnectionInterval));

    /// <summary>Writes <paramref name="item"/>'s data as JSON with its event type, id and reconnection interval.</summary>
    /// <typeparam name="T">The type of the item's data.</typeparam>
    /// <param name="item">The item to write.</param>
    /// <param name="typeInfo">The serialization contract of the item's data.</param>
    /// <exception cref="ArgumentException">The item's event type or id is invalid; nothing was written.</exception>
    /// <remarks>The reconnection interval is written as by <see cref="WriteItem(SseItem{string})"/>.</remarks>
    public void WriteItem<T>(SseItem<T> item, JsonTypeInfo<T> typeInfo) =>
        WriteJsonEvent(item.Data, typeInfo, item.EventType, item.EventId, ToRetryMilliseconds(item.ReconnectionInterval));

    /// <summary>Writes a frame encoded earlier, byte for byte: the same bytes for every stream it is written to.</summary>
    /// <param name="frame">The frame.</param>
    public void WriteFrame(SseFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        WriteRaw(frame.Utf8.Span);
    }

    /// <summary>Writes a comment frame (<c>: text</c>), which clients ignore; used as a heartbeat.</summary>
    /// <param name="text">The comment; each of its lines becomes a comment line.</param>
    public void WriteComment(ReadOnlySpan<char> text)
    {
        bool more;
        do
        {
            more = TakeLine<char, Utf16Units>(ref text, out ReadOnlySpan<char> line);
            WriteRaw(line.IsEmpty ? ":"u8 : ": "u8);
            WriteEncoded<char, Utf16Units>(line);
            WriteRaw("\n"u8);
        }
        while (more);

        // The blank line keeps every frame self-contained: nothing is left pending for the next one.
        WriteRaw("\n"u8);
    }

    /// <summary>Writes a frame that only sets the client's reconnection time.</summary>
    /// <param name="milliseconds">The reconnection time in milliseconds; must not be negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="milliseconds"/> is negative; nothing was written.</exception>
    public void WriteRetry(long milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        WriteHeaderFields(eventType: null, id: null, milliseconds);
        WriteRaw("\n"u8);
    }

    /// <summary>Throws unless <paramref name="eventType"/> can be written as an <c>event:</c> field.</summary>
    /// <param name="eventType">The event type to check; <see langword="null"/> is valid.</param>
    /// <param name="paramName">The parameter name for the exception.</param>
    /// <exception cref="ArgumentException">The event type contains CR or LF.</exception>
    public static void ValidateEventType(string? eventType, string paramName = "eventType")
    {
        if (eventType is not null && eventType.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("An SSE event type must not contain CR or LF: the line break would end the field and the rest would be read as another field.", paramName);
        }
    }

    /// <summary>Throws unless <paramref name="id"/> can be written as an <c>id:</c> field.</summary>
    /// <param name="id">The event id to check; <see langword="null"/> is valid.</param>
    /// <param name="paramName">The parameter name for the exception.</param>
    /// <exception cref="ArgumentException">The id contains CR, LF or NUL.</exception>
    public static void ValidateId(string? id, string paramName = "id")
    {
        // Clients ignore an id field containing NUL (WHATWG HTML 9.2.6), so the client's last event id would silently not move.
        if (id is not null && id.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new ArgumentException("An SSE event id must not contain CR, LF or NUL: clients would ignore it or read the rest as another field.", paramName);
        }
    }

    private static void ValidateFields(string? eventType, string? id, long? retryMilliseconds)
    {
        ValidateEventType(eventType);
        ValidateId(id);
        if (retryMilliseconds is { } retry)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(retry, nameof(retryMilliseconds));
        }
    }

    // Whole milliseconds, truncated as SseFormatter does, but in integers: any TimeSpan fits a long exactly, where
    // TotalMilliseconds is a double. SseItem<T> refuses a negative interval, so none reaches here.
    private static long? ToRetryMilliseconds(TimeSpan? interval) =>
        interval is { } value ? value.Ticks / TimeSpan.TicksPerMillisecond : null;

    // The one path of every event's data, UTF-8 or UTF-16: TUnits is a struct, so the JIT compiles it once per code unit,
    // with the encoding inlined.
    private void WriteFieldsAndData<TUnit, TUnits>(ReadOnlySpan<TUnit> data, string? eventType, string? id, long? retryMilliseconds)
        where TUnit : unmanaged, IEquatable<TUnit>
        where TUnits : struct, ICodeUnits<TUnit>
    {
        long bound = HeaderFieldsBound(eventType, id, retryMilliseconds) + DataLinesBound(data.Length);
        if (bound <= SingleSpanLimit)
        {
            // One GetSpan and one Advance for the whole event: the common, small case.
            Span<byte> frame = _output.GetSpan((int)bound);
            int written = FormatHeaderFields(frame, eventType, id, retryMilliseconds);
            written += FormatDataLines<TUnit, TUnits>(frame[written..], data);
            frame[written++] = (byte)'\n';
            Advance(written);
            return;
        }

        WriteHeaderFields(eventType, id, retryMilliseconds);
        bool more;
        do
        {
            more = TakeLine<TUnit, TUnits>(ref data, out ReadOnlySpan<TUnit> line);
            WriteRaw("data: "u8);
            WriteEncoded<TUnit, TUnits>(line);
            WriteRaw("\n"u8);
        }
        while (more);

        WriteRaw("\n"u8);
    }

    private void WriteHeaderFields(string? eventType, string? id, long? retryMilliseconds)
    {
        long bound = HeaderFieldsBound(eventType, id, retryMilliseconds);
        if (bound <= SingleSpanLimit)
        {
            Advance(FormatHeaderFields(_output.GetSpan((int)bound), eventType, id, retryMilliseconds));
            return;
        }

        // Only an event type or id of thousands of characters gets here.
        if (HasEventTypeField(eventType))
        {
            WriteRaw("event: "u8);
            WriteEncoded<char, Utf16Units>(eventType);
            WriteRaw("\n"u8);
        }

        if (id is not null)
        {
            WriteRaw("id: "u8);
            WriteEncoded<char, Utf16Units>(id);
            WriteRaw("\n"u8);
        }

        if (retryMilliseconds is not null)
        {
            Advance(FormatHeaderFields(_output.GetSpan((int)HeaderFieldsBound(null, null, retryMilliseconds)), null, null, retryMilliseconds));
        }
    }

    private static bool HasEventTypeField([NotNullWhen(true)] string? eventType) =>
        !string.IsNullOrEmpty(eventType) && eventType != DefaultEventType;

    // Upper bounds of what a frame takes, so that a small event is written with one GetSpan and one Advance:
    // a UTF-16 char is at most 3 UTF-8 bytes, and a line break becomes at most "\ndata: " (7 bytes).
    private static long HeaderFieldsBound(string? eventType, string? id, long? retryMilliseconds) =>
        (HasEventTypeField(eventType) ? 8 + (3L * eventType.Length) : 0)
        + (id is null ? 0 : 5 + (3L * id.Length))
        + (retryMilliseconds is null ? 0 : RetryFieldBound);

    private static long DataLinesBound(int length) => 8 + (7L * length);

    private static int FormatHeaderFields(Span<byte> frame, string? eventType, string? id, long? retryMilliseconds)
    {
        int written = FormatEventField(frame, eventType);

        if (id is not null)
        {
            written += Copy("id: "u8, frame[written..]);
            written += Utf8.FromUtf16(id, frame[written..], out _, out int count, replaceInvalidSequences: true) == OperationStatus.Done ? count : throw new UnreachableException();
            frame[written++] = (byte)'\n';
        }

        if (retryMilliseconds is { } retry)
        {
            Debug.Assert(retry >= 0, "validated before writing");
            written += Copy("retry: "u8, frame[written..]);
            bool formatted = retry.TryFormat(frame[written..], out int digits, provider: CultureInfo.InvariantCulture);
            Debug.Assert(formatted, "the bound leaves room for 19 digits");
            written += digits;
            frame[written++] = (byte)'\n';
        }

        return written;
    }

    // The event: line, or nothing for the default event type.
    private static int FormatEventField(Span<byte> frame, string? eventType)
    {
        if (!HasEventTypeField(eventType))
        {
            return 0;
        }

        int written = Copy("event: "u8, frame);
        written += Utf8.FromUtf16(eventType, frame[written..], out _, out int count, replaceInvalidSequences: true) == OperationStatus.Done ? count : throw new UnreachableException();
        frame[written++] = (byte)'\n';
        return written;
    }

    private static int FormatDataLines<TUnit, TUnits>(Span<byte> frame, ReadOnlySpan<TUnit> data)
        where TUnit : unmanaged, IEquatable<TUnit>
        where TUnits : struct, ICodeUnits<TUnit>
    {
        int written = 0;
        bool more;
        do
        {
            more = TakeLine<TUnit, TUnits>(ref data, out ReadOnlySpan<TUnit> line);
            written += Copy("data: "u8, frame[written..]);
            int read = TUnits.Encode(line, frame[written..], out int count);
            Debug.Assert(read == line.Length, "the bound leaves room for every line");
            written += count;
            frame[written++] = (byte)'\n';
        }
        while (more);

        return written;
    }

    // Each line break in user data starts a new data: line, so data can never open a field or an event. CRLF is one line
    // break; a lone CR or LF is one too. Returns false when the line taken was the last.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TakeLine<TUnit, TUnits>(ref ReadOnlySpan<TUnit> text, out ReadOnlySpan<TUnit> line)
        where TUnit : unmanaged, IEquatable<TUnit>
        where TUnits : struct, ICodeUnits<TUnit>
    {
        int end = text.IndexOfAny(TUnits.CarriageReturn, TUnits.LineFeed);
        if (end < 0)
        {
            line = text;
            return false;
        }

        line = text[..end];
        int next = end + 1;
        if (text[end].Equals(TUnits.CarriageReturn) && next < text.Length && text[next].Equals(TUnits.LineFeed))
        {
            next++;
        }

        text = text[next..];
        return true;
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }

    private void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        _output.Write(bytes);
        BytesWritten += bytes.Length;
    }

    private void WriteEncoded<TUnit, TUnits>(ReadOnlySpan<TUnit> text)
        where TUnit : unmanaged, IEquatable<TUnit>
        where TUnits : struct, ICodeUnits<TUnit>
    {
        while (!text.IsEmpty)
        {
            // Ask for room for the whole text where it is small, in bounded pieces where it is large.
            int sizeHint = (int)Math.Min((long)TUnits.MaxBytesPerUnit * text.Length, SingleSpanLimit);
            int read = TUnits.Encode(text, _output.GetSpan(sizeHint), out int written);
            Advance(written);
            text = text[read..];
        }
    }

    private void Advance(int count)
    {
        _output.Advance(count);
        BytesWritten += count;
    }

    // An event's fields and "data: " go into the output's memory first, and its JSON right after them (JsonFrameBuffer),
    // so a small event is serialized in place and never copied; fields too long for one span send the JSON aside at once.
    private Utf8JsonWriter StartJson(JsonSerializerOptions options, string? eventType, string? id, long? retryMilliseconds, out Memory<byte> frame, out int dataStart)
    {
        // Validated before anything is written; renting the writer writes nothing.
        Utf8JsonWriter json = RentJsonWriter(options);
        JsonFrameBuffer buffer = _json!;
        bool rememberedEventType = buffer.IsRememberedEventType(eventType);
        ValidateFields(rememberedEventType ? null : eventType, id, retryMilliseconds);

        long bound = HeaderFieldsBound(eventType, id, retryMilliseconds) + "data: "u8.Length + JsonRoomHint + "\n\n"u8.Length;
        if (bound > SingleSpanLimit)
        {
            frame = default;
            dataStart = 0;
            buffer.StartAside();
            return json;
        }

        frame = _output.GetMemory((int)bound);
        Span<byte> span = frame.Span;
        if (rememberedEventType)
        {
            dataStart = buffer.CopyEventField(span);
        }
        else
        {
            dataStart = FormatEventField(span, eventType);
            buffer.RememberEventField(eventType, span[..dataStart]);
        }

        dataStart += FormatHeaderFields(span[dataStart..], eventType: null, id, retryMilliseconds);
        dataStart += Copy("data: "u8, span[dataStart..]);

        // The last two bytes are kept for the blank line that ends the frame.
        buffer.StartInRoom(frame[dataStart..^2]);
        return json;
    }

    private void EndJson(Utf8JsonWriter json, Memory<byte> frame, int dataStart, string? eventType, string? id, long? retryMilliseconds)
    {
        json.Flush();
        if (_json!.IsInRoom)
        {
            // Compact JSON escapes line breaks inside strings, but a custom converter may write raw text: that JSON is
            // split below, so even it cannot open a field or an event.
            Span<byte> span = frame.Span;
            int end = dataStart + _json.WrittenInRoom;
            if (span[dataStart..end].IndexOfAny((byte)'\r', (byte)'\n') < 0)
            {
                span[end] = (byte)'\n';
                span[end + 1] = (byte)'\n';
                Advance(end + 2);
                return;
            }

            _json.MoveAside();
        }

        WriteFieldsAndData<byte, Utf8Units>(_json.WrittenAside, eventType, id, retryMilliseconds);
    }

    // Per item, and also when a converter threw halfway: the writer's depth and the partial JSON would otherwise open the
    // next event's data, and the writer would keep the output's memory of this one.
    private void ResetJsonWriter(Utf8JsonWriter json)
    {
        _json!.Reset();
        json.Reset();
    }

    private Utf8JsonWriter RentJsonWriter(JsonSerializerOptions options)
    {
        if (_jsonWriter is not null && ReferenceEquals(options, _jsonWriterOptionsSource))
        {
            return _jsonWriter;
        }

        // The encoder a contract's JSON is escaped with: for the fast twin of the app's options (JsonContracts), the app's.
        JavaScriptEncoder? encoder = JsonContracts.WriterEncoder(options);
        JsonSerializerOptions? previous = _jsonWriterOptionsSource;
        _jsonWriterOptionsSource = options;

        // Contracts of the app's options and of its twin alternate in a typed union: they share one writer.
        if (_jsonWriter is not null && previous is not null && previous.MaxDepth == options.MaxDepth
            && ReferenceEquals(JsonContracts.WriterEncoder(previous), encoder))
        {
            return _jsonWriter;
        }

        _json ??= new JsonFrameBuffer();
        _jsonWriter = new Utf8JsonWriter(_json, new JsonWriterOptions
        {
            Encoder = encoder,
            // Compact on purpose: indented JSON would spread one value over many data: lines for nothing.
            Indented = false,
            MaxDepth = options.MaxDepth,
            SkipValidation = true,
        });
        return _jsonWriter;
    }

    /// <summary>A code unit of event text, UTF-8 or UTF-16, as the one data-line path needs it.</summary>
    /// <typeparam name="TUnit">The code unit: <see cref="byte"/> or <see cref="char"/>.</typeparam>
    private interface ICodeUnits<TUnit>
    {
        static abstract TUnit CarriageReturn { get; }

        static abstract TUnit LineFeed { get; }

        /// <summary>The most UTF-8 bytes one unit becomes.</summary>
        static abstract int MaxBytesPerUnit { get; }

        /// <summary>
        /// Writes as much of <paramref name="text"/> as UTF-8 as <paramref name="destination"/> holds, never part of a
        /// character; returns the units read.
        /// </summary>
        static abstract int Encode(ReadOnlySpan<TUnit> text, Span<byte> destination, out int written);
    }

    private readonly struct Utf8Units : ICodeUnits<byte>
    {
        public static byte CarriageReturn => (byte)'\r';

        public static byte LineFeed => (byte)'\n';

        public static int MaxBytesPerUnit => 1;

        // Already UTF-8: copied byte for byte, unchecked, as the caller gave it.
        public static int Encode(ReadOnlySpan<byte> text, Span<byte> destination, out int written)
        {
            written = Math.Min(text.Length, destination.Length);
            text[..written].CopyTo(destination);
            return written;
        }
    }

    private readonly struct Utf16Units : ICodeUnits<char>
    {
        public static char CarriageReturn => '\r';

        public static char LineFeed => '\n';

        public static int MaxBytesPerUnit => 3;

        // Every line is a whole text (final block), so a lone surrogate at its end becomes U+FFFD; a pair that does not
        // fit stays for the next piece, as Utf8.FromUtf16 never writes half a character.
        public static int Encode(ReadOnlySpan<char> text, Span<byte> destination, out int written)
        {
            OperationStatus status = Utf8.FromUtf16(text, destination, out int read, out written, replaceInvalidSequences: true, isFinalBlock: true);
            Debug.Assert(status is OperationStatus.Done or OperationStatus.DestinationTooSmall, "invalid sequences are replaced");
            return read;
        }
    }
}
