namespace SseGen;

/// <summary>One published event: built once, shared by the history and every subscriber's queue.</summary>
internal sealed class TopicEntry(UInt128 position, SseFrame frame, string? key, long publishedAt)
{
    /// <summary>Where the event is in its topic's order: the sequence in one process, the log id through a backplane.</summary>
    public UInt128 Position { get; } = position;

    public SseFrame Frame { get; } = frame;

    public string? Key { get; } = key;

    /// <summary>A <see cref="System.Diagnostics.Stopwatch"/> timestamp, for the publish-to-write latency.</summary>
    public long PublishedAt { get; } = publishedAt;

    public int Length => Frame.Utf8.Length;
}
