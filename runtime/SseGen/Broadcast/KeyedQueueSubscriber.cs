namespace SseGen;

/// <summary>
/// A subscriber under <see cref="SseOverflowPolicy.LatestPerKey"/>, with a bounded queue of its own: when it is full, an
/// event replaces the queued one of its key, which a ring every subscriber shares cannot do for one of them. The
/// publisher enqueues under the queue's short lock.
/// </summary>
internal sealed class KeyedQueueSubscriber(int capacity, long maxBytes) : TopicSubscriber
{
    private readonly Lock _lock = new();
    private readonly Queue<TopicEntry> _queue = new();
    private long _bytes;
    private IThreadPoolWorkItem? _waiter;
    private SseTopicEndReason _endReason;
    private bool _ended;

    public override SseTopicEndReason EndReason
    {
        get
        {
            lock (_lock)
            {
                return _endReason;
            }
        }
    }

    public override int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    public override long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    public override SseOverflowPolicy? Offer(TopicEntry entry, out bool ended)
    {
        lock (_lock)
        {
            ended = _ended;
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

            if (entry.Key is not null && RemoveKeyLocked(entry.Key) && _queue.Count < capacity && _bytes + entry.Length <= maxBytes)
            {
                EnqueueLocked(entry);
                return SseOverflowPolicy.LatestPerKey;
            }

            EndLocked(SseTopicEndReason.EndedSlow);
            ended = true;
            return SseOverflowPolicy.EndStream;
        }
    }

    public override bool TryTake(out TopicEntry? entry, IThreadPoolWorkItem waiter, out bool ended)
    {
        lock (_lock)
        {
            if (_queue.TryDequeue(out entry))
            {
                _bytes -= entry.Length;
                ended = false;
                return true;
            }

            ended = _ended;
            if (!ended)
            {
                // Armed under the lock the publisher enqueues under: an event that comes after this wakes the waiter.
                _waiter = waiter;
            }

            return false;
        }
    }

    public override void End(SseTopicEndReason reason)
    {
        lock (_lock)
        {
            if (!_ended)
            {
                EndLocked(reason);
            }
        }
    }

    public override void Wake()
    {
        lock (_lock)
        {
            WakeLocked();
        }
    }

    private void EnqueueLocked(TopicEntry entry)
    {
        _queue.Enqueue(entry);
        _bytes += entry.Length;
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
        _ended = true;
        _endReason = reason;
        _queue.Clear();
        _bytes = 0;
        WakeLocked();
    }

    private void WakeLocked()
    {
        if (_waiter is { } waiter)
        {
            _waiter = null;
            Run(waiter);
        }
    }
}
