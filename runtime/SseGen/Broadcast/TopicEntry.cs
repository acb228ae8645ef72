namespace SseGen;

/// <summary>One published event: built once, shared by the history and every subscriber's queue.</summary>
internal sealed class TopicEntry(long sequence, SseFrame frame, string? key, long publishedAt)
{
    public long Sequence { get; } = sequence;

    public SseFrame Frame { get; } = frame;

    public string? Key { get; } = key;

    /// <summary>A <see cref="System.Diagnostics.Stopwatch"/> timestamp, for the publish-to-write latency.</summary>
    public long PublishedAt { get; } = publishedAt;

    public int Length => Frame.Utf8.Length;
}
