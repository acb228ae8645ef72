using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace SseGen;

/// <summary>
/// One subscriber's bounded queue of live events. The publisher only enqueues under the queue's own short lock and never
/// waits for the reader: a full queue gets the policy, not back-pressure, so one slow client cannot hold up the others.
/// </summary>
/// <remarks>
/// A reader that finds the queue empty leaves a work item (itself) rather than a task per wait, so a delivery to a waiting
/// reader allocates nothing. The item is armed under the queue's lock and queued to the thread pool once, by whatever
/// ends the wait first (an event, the end, or <see cref="Wake"/>), never under the publisher's feet.
/// </remarks>
// The topic's tags by reference: a TagList is 144 bytes, held once per topic rather than once per idle subscriber.
internal sealed class TopicSubscriber(int capacity, long maxBytes, SseOverflowPolicy policy, SseMetrics metrics, StrongBox<TagList> tags)
{
    private readonly Lock _lock = new();
    private readonly Queue<TopicEntry> _queue = new();
    private long _bytes;
    // The reader waiting for an event; run on the thread pool, since the publisher holds the lock and must not write for it.
    private IThreadPoolWorkItem? _waiter;
    private int _left;

    /// <summary>Aborts the connection under <see cref="SseOverflowPolicy.Disconnect"/>; set by the stream that writes the subscription.</summary>
    public Action? Abort { get; set; }

    public SseTopicEndReason EndReason { get; private set; }

    /// <summary>
    /// Live events up to this position are not delivered: a client that resumed on this server with an id from a server
    /// further ahead already has them. Set before the subscriber's reader takes its first event.
    /// </summary>
    public UInt128 SkipThrough { get; set; }

    /// <summary>Marks the subscriber gone from its shared topic; <see langword="true"/> only the first time.</summary>
    public bool TryLeave() => Interlocked.Exchange(ref _left, 1) == 0;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Queues <paramref name="entry"/>, or applies the policy.</summary>
    /// <returns>What the policy did; <see langword="null"/> when the entry was queued without one.</returns>
    public SseOverflowPolicy? Offer(TopicEntry entry, out bool ended)
    {
        lock (_lock)
        {
            ended = EndReason != SseTopicEndReason.None;
            if (ended)
            {
                return null;
            }

            // An event larger than the byte bound still reaches a subscriber that has caught up.
            if (_queue.Count == 0 || (_queue.Count < capacity && _bytes + entry.Length <= maxBytes))
            {
                EnqueueLocked(entry);
                return null;
            }

            if (policy == SseOverflowPolicy.LatestPerKey && entry.Key is not null && RemoveKeyLocked(entry.Key)
                && _queue.Count < capacity && _bytes + entry.Length <= maxBytes)
            {
                EnqueueLocked(entry);
                return SseOverflowPolicy.LatestPerKey;
            }

            SseOverflowPolicy action = policy == SseOverflowPolicy.Disconnect ? SseOverflowPolicy.Disconnect : SseOverflowPolicy.EndStream;
            EndLocked(action == SseOverflowPolicy.Disconnect ? SseTopicEndReason.Disconnected : SseTopicEndReason.EndedSlow);
            ended = true;
            return action;
        }
    }

    /// <summary>Takes the next live event, or says how to wait for one.</summary>
    /// <param name="entry">The event, when one is queued.</param>
    /// <param name="waiter">Queued to the thread pool once when there may be more, if nothing is queued now.</param>
    /// <param name="ended">Whether the subscriber has ended, so there is nothing to wait for.</param>
    public bool TryTake(out TopicEntry? entry, IThreadPoolWorkItem waiter, out bool ended)
    {
        lock (_lock)
        {
            if (_queue.TryDequeue(out entry))
            {
                _bytes -= entry.Length;
                metrics.TopicQueueDepth.Add(-1, in tags.Value);
                ended = false;
                return true;
            }

            ended = EndReason != SseTopicEndReason.None;
            if (!ended)
            {
                // Armed under the lock the publisher enqueues under: an event that comes after this wakes the waiter.
                _waiter = waiter;
            }

            return false;
        }
    }

    public void End(SseTopicEndReason reason)
    {
        lock (_lock)
        {
            if (EndReason == SseTopicEndReason.None)
            {
                EndLocked(reason);
            }
        }
    }

    private void EnqueueLocked(TopicEntry entry)
    {
        _queue.Enqueue(entry);
        _bytes += entry.Length;
        metrics.TopicQueueDepth.Add(1, in tags.Value);
        WakeLocked();
    }

    /// <summary>Removes the queued event of <paramref name="key"/>, keeping the others' order so ids still only increase.</summary>
    private bool RemoveKeyLocked(string key)
    {
        bool removed = false;
        for (int i = _queue.Count; i > 0; i--)
        {
            TopicEntry queued = _queue.Dequeue();
            if (!removed && string.Equals(queued.Key, key, StringComparison.Ordinal))
            {
                removed = true;
                _bytes -= queued.Length;
                metrics.TopicQueueDepth.Add(-1, in tags.Value);
            }
            else
            {
                _queue.Enqueue(queued);
            }
        }

        return removed;
    }

    private void EndLocked(SseTopicEndReason reason)
    {
        // What was queued is in the topic's history: the client gets it on resume, so the server need not hold it.
        EndReason = reason;
        metrics.TopicQueueDepth.Add(-_queue.Count, in tags.Value);
        _queue.Clear();
        _bytes = 0;
        WakeLocked();
    }

    /// <summary>Ends the reader's wait, if one is on, without an event: its token was cancelled, or it was disposed.</summary>
    public void Wake()
    {
        lock (_lock)
        {
            WakeLocked();
        }
    }

    private void WakeLocked()
    {
        if (_waiter is { } waiter)
        {
            _waiter = null;
            ThreadPool.UnsafeQueueUserWorkItem(waiter, preferLocal: false);
        }
    }
}
