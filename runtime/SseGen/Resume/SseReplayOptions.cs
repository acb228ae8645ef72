namespace SseGen;

/// <summary>Options of <see cref="InMemorySseReplayStore"/>: how much history it keeps, and for how long.</summary>
/// <remarks>
/// Every limit is checked when the store is created, and at startup when it is registered with
/// <c>AddSseReplayStore</c>: a zero or negative value throws an <see cref="Microsoft.Extensions.Options.OptionsValidationException"/>
/// that names the option.
/// </remarks>
public sealed class SseReplayOptions
{
    /// <summary>How many of its latest events each stream keeps for clients that reconnect. Default: 1024.</summary>
    /// <remarks>The oldest event leaves when the next one arrives; a stream's memory grows with its events up to this.</remarks>
    public int Capacity { get; set; } = 1024;

    /// <summary>
    /// How long a stream with no append and no reader is kept before it is removed with its events. Default: 10 minutes.
    /// </summary>
    /// <remarks>
    /// Streams are checked every quarter of this, at least once a minute. A stream with a reader is never removed for
    /// being idle. A client that comes back later with an id of a removed stream gets <see cref="ISseReplayStore.HistoryLostEventType"/>.
    /// </remarks>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many streams with events the store holds at most. Default: 10,000.</summary>
    /// <remarks>
    /// An append that would start one more evicts the least recently used stream that has no reader. Streams that are
    /// being read are never evicted for this, so only they (each an open connection) can take the count past the cap.
    /// A read never evicts anything.
    /// </remarks>
    public int MaxStreams { get; set; } = 10_000;

    /// <summary>
    /// How many bytes of events the store holds at most, counted as the UTF-16 size of each event's data and type plus
    /// 64 bytes. Default: 64 MiB.
    /// </summary>
    /// <remarks>
    /// An append that goes past it evicts the oldest events of the least recently used streams until the store is within it
    /// again. An event larger than this is rejected.
    /// </remarks>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;
}
