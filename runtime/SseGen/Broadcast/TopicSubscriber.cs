using Microsoft.AspNetCore.Http;

namespace SseGen;

/// <summary>
/// One subscriber's live events on this server: what the publisher offers it, and what its stream takes. The publisher
/// never waits for the reader: a subscriber that falls too far behind gets the policy, not back-pressure, so one slow
/// client cannot hold up the others.
/// </summary>
/// <remarks>
/// A reader that finds nothing to take leaves a work item (itself) rather than a task per wait, so a delivery to a
/// waiting reader allocates nothing. The item is queued to the thread pool once, by whatever ends the wait first (an
/// event, the end, or <see cref="Wake"/>), never run under the publisher's feet.
/// </remarks>
internal abstract class TopicSubscriber
{
    private int _left;

    /// <summary>Where the topic holds the subscriber among its subscribers; -1 when it holds it nowhere. Under the topic's lock.</summary>
    public int Slot { get; set; } = -1;

    /// <summary>The request whose connection <see cref="SseOverflowPolicy.Disconnect"/> aborts; set by the stream that writes the subscription.</summary>
    public HttpContext? Connection { get; set; }

    /// <summary>Why the topic stopped feeding the subscriber; <see cref="SseTopicEndReason.None"/> while it is fed.</summary>
    public abstract SseTopicEndReason EndReason { get; }

    /// <summary>
    /// Live events up to this position are not delivered: a client that resumed on this server with an id from a server
    /// further ahead already has them. Set before the subscriber's reader takes its first event.
    /// </summary>
    public UInt128 SkipThrough { get; set; }

    /// <summary>How many live events wait for the subscriber now.</summary>
    public abstract int Count { get; }

    /// <summary>How many bytes of live frames wait for the subscriber now.</summary>
    public abstract long Bytes { get; }

    /// <summary>Marks the subscriber gone from its shared topic; <see langword="true"/> only the first time.</summary>
    public bool TryLeave() => Interlocked.Exchange(ref _left, 1) == 0;

    /// <summary>Called under the topic's lock as the subscriber joins: it takes live events after <paramref name="head"/>.</summary>
    public virtual void Join(long head)
    {
    }

    /// <summary>Offers <paramref name="entry"/>, just appended to the topic's live ring, or applies the policy.</summary>
    /// <returns>What the policy did; <see langword="null"/> when the entry was offered without one.</returns>
    public abstract SseOverflowPolicy? Offer(TopicEntry entry, out bool ended);

    /// <summary>Takes the next live event, or says how to wait for one.</summary>
    /// <param name="entry">The event, when one is waiting.</param>
    /// <param name="waiter">Queued to the thread pool once when there may be more, if nothing waits now.</param>
    /// <param name="ended">Whether the subscriber has ended, so there is nothing to wait for.</param>
    public abstract bool TryTake(out TopicEntry? entry, IThreadPoolWorkItem waiter, out bool ended);

    /// <summary>Stops feeding the subscriber; the first reason stands.</summary>
    public abstract void End(SseTopicEndReason reason);

    /// <summary>Ends the reader's wait, if one is on, without an event: its token was cancelled, or it was disposed.</summary>
    public abstract void Wake();

    /// <summary>What a full subscriber gets under a policy that does not keep it.</summary>
    protected static SseTopicEndReason EndFor(SseOverflowPolicy policy) =>
        policy == SseOverflowPolicy.Disconnect ? SseTopicEndReason.Disconnected : SseTopicEndReason.EndedSlow;

    protected static void Run(IThreadPoolWorkItem waiter) => ThreadPool.UnsafeQueueUserWorkItem(waiter, preferLocal: false);
}
