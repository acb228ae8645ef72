namespace SseGen;

/// <summary>One published event: built once, shared by the history, the live ring and every subscriber.</summary>
internal sealed class TopicEntry(UInt128 position, SseFrame frame, string? key, long publishedAt)
{
    /// <summary>Where the event is in its topic's order: the sequence in one process, the log id through a backplane.</summary>
    public UInt128 Position { get; } = position;

    public SseFrame Frame { get; } = frame;

    public string? Key { get; } = key;

    /// <summary>A <see cref="System.Diagnostics.Stopwatch"/> timestamp, for the publish-to-write latency.</summary>
    public long PublishedAt { get; } = publishedAt;

    public int Length => Frame.Utf8.Length;

    /// <summary>Its place in this server's live ring (1, 2, …); set once, by <see cref="TopicLiveRing.Append"/>, before any reader sees it.</summary>
    public long LiveSequence { get; set; }

    /// <summary>The bytes of every live frame before it, so the bytes between two places of the ring are one subtraction.</summary>
    public long LiveBytesBefore { get; set; }
}
