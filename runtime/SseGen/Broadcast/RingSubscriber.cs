namespace SseGen;

/// <summary>
/// A subscriber that reads the topic's <see cref="TopicLiveRing"/> at its own place: a publish costs it two reads (its
/// place and its waiter) and, when it waits, one wake; no lock, queue or write of its own. Under
/// <see cref="SseOverflowPolicy.EndStream"/> and <see cref="SseOverflowPolicy.Disconnect"/>, which drop a full subscriber
/// rather than pick what it keeps.
/// </summary>
internal sealed class RingSubscriber(TopicLiveRing ring, int capacity, long maxBytes, SseOverflowPolicy policy) : TopicSubscriber
{
    // The place the reader takes next. Written by the reader alone, read by the publisher to measure the backlog.
    private long _next = long.MaxValue;
    // The reader waiting for an event. Armed by the reader, taken by whoever ends the wait; the exchange picks one.
    private IThreadPoolWorkItem? _waiter;
    // 0 while fed; Left when it left on its own (its reason stays None); otherwise the SseTopicEndReason.
    private const int Left = -1;
    private int _endReason;

    public override SseTopicEndReason EndReason => Volatile.Read(ref _endReason) is var reason and > 0 ? (SseTopicEndReason)reason : SseTopicEndReason.None;

    private bool IsEnded => Volatile.Read(ref _endReason) != 0;

    /// <summary>The lowest place this subscriber still reads.</summary>
    public long Next => Volatile.Read(ref _next);

    public override int Count => !IsEnded ? (int)Math.Clamp(ring.Head - Next + 1, 0, int.MaxValue) : 0;

    public override long Bytes
    {
        get
        {
            long head = ring.Head;
            long next = Next;
            // Best effort for diagnostics: entries that the publisher overwrote meanwhile count as nothing.
            return !IsEnded && head >= next && ring.At(next) is { } oldest && ring.At(head) is { } newest
                ? newest.LiveBytesBefore + newest.Length - oldest.LiveBytesBefore
                : 0;
        }
    }

    public override void Join(long head) => Volatile.Write(ref _next, head + 1);

    public override SseOverflowPolicy? Offer(TopicEntry entry, out bool ended)
    {
        if (IsEnded)
        {
            ended = true;
            return null;
        }

        // The backlog with the new entry. An event larger than the byte bound still reaches a subscriber that has caught up.
        long next = Next;
        long waiting = entry.LiveSequence - next + 1;
        if (waiting > 1 && (waiting > capacity || ring.BytesThrough - (ring.At(next)?.LiveBytesBefore ?? 0) > maxBytes))
        {
            End(EndFor(policy));
            ended = true;
            return policy == SseOverflowPolicy.Disconnect ? SseOverflowPolicy.Disconnect : SseOverflowPolicy.EndStream;
        }

        ended = false;
        // The topic fenced after moving the head: a reader that armed before that is seen here, one that arms after sees the head.
        if (Volatile.Read(ref _waiter) is not null)
        {
            Wake();
        }

        return null;
    }

    public override bool TryTake(out TopicEntry? entry, IThreadPoolWorkItem waiter, out bool ended)
    {
        while (true)
        {
            if (IsEnded)
            {
                break;
            }

            long next = _next;
            if (next <= ring.Head)
            {
                entry = ring.At(next);
                if (entry is null)
                {
                    // Overwritten: the publisher ended this subscriber as it fell behind and moved on.
                    End(SseTopicEndReason.EndedSlow);
                    break;
                }

                Volatile.Write(ref _next, next + 1);
                ended = false;
                return true;
            }

            // Armed with a full fence, then the head read again: an event appended before the arm is seen here, one
            // appended after it finds the waiter.
            Interlocked.Exchange(ref _waiter, waiter);
            if (next > ring.Head && !IsEnded)
            {
                entry = null;
                ended = false;
                return false;
            }

            if (Interlocked.Exchange(ref _waiter, null) is null)
            {
                // The publisher or a wake took the waiter and runs it: it takes the event then.
                entry = null;
                ended = false;
                return false;
            }
        }

        entry = null;
        ended = true;
        return false;
    }

    public override void End(SseTopicEndReason reason)
    {
        // None ends a subscriber that leaves; it reads as ended through the reader's own dispose.
        if (Interlocked.CompareExchange(ref _endReason, reason == SseTopicEndReason.None ? Left : (int)reason, 0) == 0)
        {
            Wake();
        }
    }

    public override void Wake()
    {
        if (Interlocked.Exchange(ref _waiter, null) is { } waiter)
        {
            Run(waiter);
        }
    }
}
