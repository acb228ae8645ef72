using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace SseGen;

/// <summary>
/// The in-process <see cref="ISseReplayStore"/>: each stream keeps its last <see cref="SseReplayOptions.Capacity"/>
/// events, with ids that count up from 1. For one server; across servers use a shared store.
/// </summary>
/// <remarks>
/// Memory follows the events held, within <see cref="SseReplayOptions.MaxStreams"/> and <see cref="SseReplayOptions.MaxBytes"/>;
/// streams idle for <see cref="SseReplayOptions.IdleTimeout"/> are removed. Reading a stream that holds no events keeps
/// nothing once the reader leaves. A stream removed and started again gives ids above every id the store removed, so an
/// old client id reads as <see cref="ISseReplayStore.HistoryLostEventType"/>, never as someone else's event.
/// </remarks>
public sealed class InMemorySseReplayStore : ISseReplayStore, IDisposable
{
    /// <summary>What an event costs beyond its characters: two string headers and its slot in the ring.</summary>
    internal const int EventOverhead = 64;

    private static readonly TagList CapacityReason = new() { { SseMetrics.EvictionReasonTag, "capacity" } };
    private static readonly TagList TtlReason = new() { { SseMetrics.EvictionReasonTag, "ttl" } };
    private static readonly TagList MaxStreamsReason = new() { { SseMetrics.EvictionReasonTag, "max-streams" } };
    private static readonly TagList MaxBytesReason = new() { { SseMetrics.EvictionReasonTag, "max-bytes" } };

    // One lock for the map, the recency list and the totals, so caps are exact and a removal can never race an append;
    // every step under it is O(1) but evictions. Readers copy events under their stream's lock only.
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StreamLog> _streams = new(StringComparer.Ordinal);
    private readonly LinkedList<StreamLog> _byRecency = new();
    private readonly int _capacity;
    private readonly long _maxStreams;
    private readonly long _maxBytes;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeProvider _time;
    private readonly SseMetrics _metrics;
    private readonly ITimer _sweeper;
    private long _streamsWithEvents;
    private long _events;
    private long _bytes;
    private long _highestRemovedId;

    /// <summary>Creates a store with the configured limits.</summary>
    /// <param name="options">The store's options.</param>
    /// <param name="meterFactory">Creates the <c>SseGen</c> meter the store reports to; <see langword="null"/> for a shared one.</param>
    /// <param name="timeProvider">The clock of <see cref="SseReplayOptions.IdleTimeout"/>; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="OptionsValidationException">A limit is zero or negative.</exception>
    public InMemorySseReplayStore(IOptions<SseReplayOptions> options, IMeterFactory? meterFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        SseReplayOptions value = options.Value;
        SseReplayOptionsValidator.ThrowIfInvalid(value);
        _capacity = value.Capacity;
        _maxStreams = value.MaxStreams;
        _maxBytes = value.MaxBytes;
        _idleTimeout = value.IdleTimeout;
        _time = timeProvider ?? TimeProvider.System;
        _metrics = SseMetrics.For(meterFactory);

        // Weakly held, so a store nobody disposed can still be collected, and its timer with it.
        TimeSpan period = TimeSpan.FromTicks(Math.Clamp(_idleTimeout.Ticks / 4, TimeSpan.TicksPerMillisecond, TimeSpan.TicksPerMinute));
        _sweeper = _time.CreateTimer(
            static state => { if (((WeakReference<InMemorySseReplayStore>)state!).TryGetTarget(out InMemorySseReplayStore? store)) { store.RemoveIdle(); } },
            new WeakReference<InMemorySseReplayStore>(this), period, period);
    }

    /// <summary>How many streams hold events now.</summary>
    internal long StreamCount
    {
        get
        {
            lock (_lock)
            {
                return _streamsWithEvents;
            }
        }
    }

    /// <summary>How many entries the store keeps: streams with events and streams with only readers waiting.</summary>
    internal int EntryCount
    {
        get
        {
            lock (_lock)
            {
                return _streams.Count;
            }
        }
    }

    /// <summary>How many events the store holds now.</summary>
    internal long EventCount
    {
        get
        {
            lock (_lock)
            {
                return _events;
            }
        }
    }

    /// <summary>The estimated bytes of the events held now, as <see cref="SseReplayOptions.MaxBytes"/> counts them.</summary>
    internal long ByteCount
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The event is larger than <see cref="SseReplayOptions.MaxBytes"/>; nothing was appended.</exception>
    public ValueTask<string> AppendAsync(string stream, string data, string? eventType = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(data);
        SseFrameWriter.ValidateEventType(eventType);
        long size = EventBytes(data, eventType);
        if (size > _maxBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(data), $"The event takes about {size} bytes, more than SseReplayOptions.MaxBytes ({_maxBytes}); nothing was appended.");
        }

        long id;
        TaskCompletionSource woken;
        var changes = default(Changes);
        lock (_lock)
        {
            if (!_streams.TryGetValue(stream, out StreamLog? log))
            {
                log = new StreamLog(stream, _highestRemovedId + 1);
                _streams.Add(stream, log);
                log.Node = _byRecency.AddLast(log);
            }

            if (log.Count == 0)
            {
                // A stream starts holding events: make room first, so an append never evicts its own stream.
                while (_streamsWithEvents >= _maxStreams && EvictLeastRecentIdle(ref changes))
                {
                }

                _streamsWithEvents++;
                changes.Streams++;
            }

            Touch(log);
            (id, long droppedBytes, woken) = log.Append(new Entry(0, data, eventType, size), _capacity);
            _events++;
            _bytes += size - droppedBytes;
            changes.Events++;
            changes.Bytes += size - droppedBytes;
            if (droppedBytes > 0)
            {
                _events--;
                changes.Events--;
                changes.CapacityEvicted++;
            }

            while (_bytes > _maxBytes)
            {
                TrimLeastRecent(log, ref changes);
            }
        }

        woken.TrySetResult();
        Report(changes);
        return ValueTask.FromResult(FormatId(id));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SseItem<string>> ReadAsync(string stream, string? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        StreamLog log = Attach(stream);
        try
        {
            var batch = new List<Entry>();
            long after;
            string? lostFrom = null;
            _ = log.ReadAfter(long.MaxValue, batch, out long first, out long latest);
            if (lastEventId is null)
            {
                after = latest;
            }
            else if (!long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out after) || after > latest || after < first - 1)
            {
                lostFrom = lastEventId;
            }

            while (true)
            {
                Task changed = log.ReadAfter(lostFrom is null ? after : long.MaxValue, batch, out first, out latest);
                if (lostFrom is not null || after < first - 1)
                {
                    // The events after the client's id are gone (evicted, or the id is from before a restart): say so, move
                    // the client's id to now and go on live, rather than replay a history with a hole in it.
                    yield return new SseItem<string>(lostFrom ?? FormatId(after), ISseReplayStore.HistoryLostEventType) { EventId = FormatId(latest) };
                    after = latest;
                    lostFrom = null;
                    batch.Clear();
                    continue;
                }

                foreach (Entry entry in batch)
                {
                    yield return new SseItem<string>(entry.Data, entry.EventType) { EventId = FormatId(entry.Id) };
                    after = entry.Id;
                }

                if (batch.Count == 0)
                {
                    await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                batch.Clear();
            }
        }
        finally
        {
            Detach(log);
        }
    }

    /// <summary>Stops the idle sweep.</summary>
    public void Dispose() => _sweeper.Dispose();

    /// <summary>Removes the streams with no append and no reader for <see cref="SseReplayOptions.IdleTimeout"/>.</summary>
    internal void RemoveIdle()
    {
        var changes = default(Changes);
        lock (_lock)
        {
            long now = _time.GetTimestamp();
            LinkedListNode<StreamLog>? node = _byRecency.First;
            while (node is not null)
            {
                LinkedListNode<StreamLog>? next = node.Next;
                StreamLog log = node.Value;
                if (log.Readers == 0)
                {
                    // Recency order: the first stream still in use ends the sweep; streams being read are passed over.
                    if (_time.GetElapsedTime(log.LastUsed, now) < _idleTimeout)
                    {
                        break;
                    }

                    changes.TtlEvicted += log.Count;
                    Remove(log, ref changes);
                }

                node = next;
            }
        }

        Report(changes);
    }

    private static long EventBytes(string data, string? eventType) => (2L * (data.Length + (eventType?.Length ?? 0))) + EventOverhead;

    private static string FormatId(long id) => id.ToString(CultureInfo.InvariantCulture);

    private StreamLog Attach(string stream)
    {
        StreamLog? log;
        lock (_lock)
        {
            if (!_streams.TryGetValue(stream, out log))
            {
                // Only while someone waits: Detach removes it again unless an append gave it events.
                log = new StreamLog(stream, _highestRemovedId + 1);
                _streams.Add(stream, log);
                log.Node = _byRecency.AddLast(log);
            }

            log.Readers++;
            Touch(log);
        }

        _metrics.ReplayReaders.Add(1);
        return log;
    }

    private void Detach(StreamLog log)
    {
        var changes = default(Changes);
        lock (_lock)
        {
            log.Readers--;
            Touch(log);
            if (log.Readers == 0 && log.Count == 0)
            {
                Remove(log, ref changes);
            }
        }

        _metrics.ReplayReaders.Add(-1);
        Report(changes);
    }

    private void Touch(StreamLog log)
    {
        Debug.Assert(_lock.IsHeldByCurrentThread);
        log.LastUsed = _time.GetTimestamp();
        _byRecency.Remove(log.Node!);
        _byRecency.AddLast(log.Node!);
    }

    private bool EvictLeastRecentIdle(ref Changes changes)
    {
        for (LinkedListNode<StreamLog>? node = _byRecency.First; node is not null; node = node.Next)
        {
            if (node.Value.Readers == 0 && node.Value.Count > 0)
            {
                changes.MaxStreamsEvicted += node.Value.Count;
                Remove(node.Value, ref changes);
                return true;
            }
        }

        return false;
    }

    /// <summary>Drops the oldest event of the least recently used stream that holds one, never the one just appended.</summary>
    private void TrimLeastRecent(StreamLog appendedTo, ref Changes changes)
    {
        for (LinkedListNode<StreamLog>? node = _byRecency.First; node is not null; node = node.Next)
        {
            StreamLog log = node.Value;
            if (log.Count > (log == appendedTo ? 1 : 0))
            {
                long size = log.DropOldest();
                _events--;
                _bytes -= size;
                changes.Events--;
                changes.Bytes -= size;
                changes.MaxBytesEvicted++;
                if (log.Count == 0)
                {
                    _streamsWithEvents--;
                    changes.Streams--;
                    if (log.Readers == 0)
                    {
                        Remove(log, ref changes);
                    }
                }

                return;
            }
        }

        Debug.Fail("Over MaxBytes with nothing to drop: an event larger than MaxBytes was admitted.");
    }

    private void Remove(StreamLog log, ref Changes changes)
    {
        Debug.Assert(_lock.IsHeldByCurrentThread && log.Readers == 0);
        if (log.Count > 0)
        {
            _streamsWithEvents--;
            changes.Streams--;
            _events -= log.Count;
            changes.Events -= log.Count;
            _bytes -= log.Bytes;
            changes.Bytes -= log.Bytes;
        }

        // A later stream of this name starts above every id handed out so far, so no old id can point into it.
        _highestRemovedId = Math.Max(_highestRemovedId, log.Latest);
        _streams.Remove(log.Name);
        _byRecency.Remove(log.Node!);
    }

    private void Report(in Changes changes)
    {
        if (changes.Streams != 0)
        {
            _metrics.ReplayStreams.Add(changes.Streams);
        }

        if (changes.Events != 0)
        {
            _metrics.ReplayEvents.Add(changes.Events);
        }

        if (changes.Bytes != 0)
        {
            _metrics.ReplayBytes.Add(changes.Bytes);
        }

        if (changes.CapacityEvicted != 0)
        {
            _metrics.ReplayEvictions.Add(changes.CapacityEvicted, CapacityReason);
        }

        if (changes.TtlEvicted != 0)
        {
            _metrics.ReplayEvictions.Add(changes.TtlEvicted, TtlReason);
        }

        if (changes.MaxStreamsEvicted != 0)
        {
            _metrics.ReplayEvictions.Add(changes.MaxStreamsEvicted, MaxStreamsReason);
        }

        if (changes.MaxBytesEvicted != 0)
        {
            _metrics.ReplayEvictions.Add(changes.MaxBytesEvicted, MaxBytesReason);
        }
    }

    private readonly record struct Entry(long Id, string Data, string? EventType, long Bytes);

    /// <summary>What one operation changed, measured after the lock is released.</summary>
    private struct Changes
    {
        public long Streams;
        public long Events;
        public long Bytes;
        public long CapacityEvicted;
        public long TtlEvicted;
        public long MaxStreamsEvicted;
        public long MaxBytesEvicted;
    }

    /// <summary>
    /// One stream: a ring that grows with its events up to the capacity, holding the ids from its first held one to
    /// <see cref="Latest"/> without gaps. The store's lock guards <see cref="Readers"/>, <see cref="LastUsed"/> and
    /// <see cref="Node"/>; this one's lock guards the events, so readers copy them without the store's lock.
    /// </summary>
    private sealed class StreamLog(string name, long firstId)
    {
        private readonly Lock _lock = new();
        private Entry[] _ring = [];
        private int _head;
        private int _count;
        private long _latest = firstId - 1;
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name { get; } = name;

        public int Readers { get; set; }

        public long LastUsed { get; set; }

        public LinkedListNode<StreamLog>? Node { get; set; }

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
        public (long Id, long DroppedBytes, TaskCompletionSource Woken) Append(Entry entry, int capacity)
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
        public Task ReadAfter(long after, List<Entry> into, out long first, out long latest)
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
            var larger = new Entry[Math.Min(capacity, Math.Max(4, _ring.Length * 2))];
            for (int i = 0; i < _count; i++)
            {
                larger[i] = _ring[(_head + i) % _ring.Length];
            }

            _ring = larger;
            _head = 0;
        }
    }
}
