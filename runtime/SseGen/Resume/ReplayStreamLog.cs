using System.Diagnostics;

namespace SseGen;

/// <summary>One event held by <see cref="InMemorySseReplayStore"/>, with what it counts against the store's byte cap.</summary>
internal readonly record struct ReplayEntry(long Id, string Data, string? EventType, long Bytes);

/// <summary>
/// One stream: a ring that grows with its events up to the capacity, holding the ids from its first held one to
/// <see cref="Latest"/> without gaps. <see cref="InMemorySseReplayStore"/>'s lock guards <see cref="Readers"/>, <see cref="LastUsed"/> and
/// <see cref="Node"/>; this one's lock guards the events, so readers copy them without the store's lock.
/// </summary>
internal sealed class ReplayStreamLog(string name, long firstId)
{
    private readonly Lock _lock = new();
    private ReplayEntry[] _ring = [];
    private int _head;
    private int _count;
    private long _latest = firstId - 1;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name { get; } = name;

    public int Readers { get; set; }

    public long LastUsed { get; set; }

    public LinkedListNode<ReplayStreamLog>? Node { get; set; }

    /// <summary>The bytes of the events held.</summary>
    public long Bytes { get; private set; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    public long Latest
    {
        get
        {
            lock (_lock)
            {
                return _latest;
            }
        }
    }

    /// <summary>
    /// Adds the event with the next id; returns the id, the bytes of the oldest event a full ring dropped for it (0 if
    /// none), and what to wake once the store's lock is released.
    /// </summary>
    public (long Id, long DroppedBytes, TaskCompletionSource Woken) Append(ReplayEntry entry, int capacity)
    {
        lock (_lock)
        {
            long dropped = _count == capacity ? RemoveOldest() : 0;
            if (_count == _ring.Length)
            {
                Grow(capacity);
            }

            long id = ++_latest;
            _ring[(_head + _count) % _ring.Length] = entry with { Id = id };
            _count++;
            Bytes += entry.Bytes;
            TaskCompletionSource changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return (id, dropped, changed);
        }
    }

    /// <summary>Drops the oldest event; returns its bytes.</summary>
    public long DropOldest()
    {
        lock (_lock)
        {
            return RemoveOldest();
        }
    }

    /// <summary>
    /// Copies the held events after <paramref name="after"/>, and returns what completes on the next append.
    /// <paramref name="first"/> is the oldest id held (<paramref name="latest"/> + 1 when none): a reader whose id is
    /// before <paramref name="first"/> − 1 has lost events.
    /// </summary>
    public Task ReadAfter(long after, List<ReplayEntry> into, out long first, out long latest)
    {
        lock (_lock)
        {
            latest = _latest;
            first = _latest - _count + 1;
            long from = after == long.MaxValue ? _latest + 1 : Math.Max(after + 1, first);
            for (long id = from; id <= _latest; id++)
            {
                into.Add(_ring[(_head + (int)(id - first)) % _ring.Length]);
            }

            return _changed.Task;
        }
    }

    private long RemoveOldest()
    {
        Debug.Assert(_lock.IsHeldByCurrentThread && _count > 0);
        long size = _ring[_head].Bytes;
        _ring[_head] = default;
        _head = (_head + 1) % _ring.Length;
        _count--;
        Bytes -= size;
        if (_count == 0)
        {
            // Nothing held: give the memory back rather than keep a ring sized for a burst long gone.
            _ring = [];
            _head = 0;
        }

        return size;
    }

    private void Grow(int capacity)
    {
        var larger = new ReplayEntry[Math.Min(capacity, Math.Max(4, _ring.Length * 2))];
        for (int i = 0; i < _count; i++)
        {
            larger[i] = _ring[(_head + i) % _ring.Length];
        }

        _ring = larger;
        _head = 0;
    }
}
