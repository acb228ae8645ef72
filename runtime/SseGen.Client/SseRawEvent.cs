namespace SseGen.Client;

/// <summary>
/// One event as the server encoded it, from its first line to its closing blank line: fields, comments (when asked for)
/// and line ends exactly as they arrived, for a relay that passes a stream on without parsing its data.
/// </summary>
/// <remarks>
/// <see cref="Utf8"/> is a view of the reader's buffer, valid until the enumeration moves on: copy it to keep it (on the
/// server, <c>SseFrame.FromUtf8</c> copies it into a frame), so reading allocates nothing per event.
/// </remarks>
public readonly struct SseRawEvent
{
    internal SseRawEvent(ReadOnlyMemory<byte> utf8) => Utf8 = utf8;

    /// <summary>The event's bytes, ending with its blank line; valid until the next event is read.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }
}
