namespace SseGen;

/// <summary>
/// The live events of one topic on this server, in one ring every subscriber reads at its own place: a publish writes
/// one slot, not one queue per subscriber, and a subscriber's backlog is the distance from its place to the head.
/// </summary>
/// <remarks>
/// Written by the publisher under the topic's lock; read without a lock. A slot is written before the head moves past
/// it, so a reader that sees the head sees every entry up to it. The ring holds at least one more slot than a
/// subscriber may fall behind (<see cref="SseTopicOptions{T}.QueueCapacity"/>), and the publisher ends a subscriber
/// before it falls further, so no slot a subscriber still needs is overwritten. It starts small and doubles on demand:
/// a registry of quiet topics does not pay for full rings.
/// </remarks>
internal sealed class TopicLiveRing
{
    private const int InitialSlots = 16;

    private readonly int _maxSlots;
    private TopicEntry?[] _slots;
    private long _head;
    private long _bytesThrough;
    // Slots up to here were released (every subscriber had passed them), so their frames are not held by the ring.
    private long _released;

    /// <param name="capacity">How many events one subscriber may fall behind.</param>
    public TopicLiveRing(int capacity)
    {
        _maxSlots = (int)Math.Min(1 << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity + 1));
        _slots = new TopicEntry?[Math.Min(InitialSlots, _maxSlots)];
    }

    /// <summary>The place of the latest live event; 0 before the first.</summary>
    public long Head => Volatile.Read(ref _head);

    /// <summary>The bytes of every live frame so far. Read by the publisher, under the topic's lock.</summary>
    public long BytesThrough => _bytesThrough;

    /// <summary>
    /// Appends <paramref name="entry"/>; the caller holds the topic's lock and has ended every subscriber more than
    /// <c>capacity</c> events behind, and passes <paramref name="oldestNeeded"/>, the lowest place a subscriber still reads.
    /// </summary>
    public void Append(TopicEntry entry, long oldestNeeded)
    {
        long sequence = _head + 1;
        TopicEntry?[] slots = _slots;
        if (sequence - oldestNeeded >= slots.Length && slots.Length < _maxSlots)
        {
            slots = Grow(slots, oldestNeeded);
        }

        entry.LiveSequence = sequence;
        entry.LiveBytesBefore = _bytesThrough;
        _bytesThrough += entry.Length;
        slots[sequence & (slots.Length - 1)] = entry;
        // Publishes the slot with the head: a reader that reads the head reads the entry.
        Volatile.Write(ref _head, sequence);
    }

    /// <summary>The entry at <paramref name="sequence"/>, or <see langword="null"/> when its slot holds another (it was overwritten or released).</summary>
    public TopicEntry? At(long sequence)
    {
        TopicEntry?[] slots = Volatile.Read(ref _slots);
        TopicEntry? entry = Volatile.Read(ref slots[sequence & (slots.Length - 1)]);
        return entry is not null && entry.LiveSequence == sequence ? entry : null;
    }

    /// <summary>Drops the ring's references to entries before <paramref name="oldestNeeded"/>, so it holds no frame nobody will read.</summary>
    public void Release(long oldestNeeded)
    {
        TopicEntry?[] slots = _slots;
        long from = Math.Max(_released + 1, _head - slots.Length + 1);
        for (long sequence = from; sequence < oldestNeeded; sequence++)
        {
            ref TopicEntry? slot = ref slots[sequence & (slots.Length - 1)];
            if (slot is not null && slot.LiveSequence == sequence)
            {
                slot = null;
            }
        }

        _released = Math.Max(_released, oldestNeeded - 1);
    }

    private TopicEntry?[] Grow(TopicEntry?[] slots, long oldestNeeded)
    {
        int length = slots.Length;
        long sequence = _head + 1;
        while (sequence - oldestNeeded >= length && length < _maxSlots)
        {
            length *= 2;
        }

        var grown = new TopicEntry?[length];
        for (long held = Math.Max(1, _head - slots.Length + 1); held <= _head; held++)
        {
            if (slots[held & (slots.Length - 1)] is { } entry && entry.LiveSequence == held)
            {
                grown[held & (length - 1)] = entry;
            }
        }

        // Before the head moves on: a reader that sees the new head reads the grown slots.
        Volatile.Write(ref _slots, grown);
        return grown;
    }
}
