namespace SseGen;

/// <summary>What a topic does with a subscriber whose queue is full (see <see cref="SseTopicOptions{T}.QueueCapacity"/>).</summary>
public enum SseOverflowPolicy
{
    /// <summary>
    /// Drops the subscriber's queue and ends its stream cleanly after what it has taken; the client reconnects with
    /// <c>Last-Event-ID</c> and gets what it missed from the topic's history. Nothing is lost while the history holds it,
    /// and the server holds nothing for the slow client meanwhile. The default.
    /// </summary>
    EndStream,

    /// <summary>Drops the subscriber's queue and aborts its connection at once, without the body's terminator.</summary>
    Disconnect,

    /// <summary>
    /// Keeps only the latest queued event per key (<see cref="SseTopicOptions{T}.KeySelector"/>), for state such as prices
    /// where a newer event makes an older one of the same key worthless. When the queue is full of distinct keys the
    /// stream is ended as by <see cref="EndStream"/>.
    /// </summary>
    LatestPerKey,
}
