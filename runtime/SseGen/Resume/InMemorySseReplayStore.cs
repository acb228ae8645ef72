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

    // One lock for the map, the recency list and the totals, so caps are exact and a removal can never race an append;
    // every step under it is O(1) but evictions. Readers copy events under their stream's lock only.
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ReplayStreamLog> _streams = new(StringComparer.Ordinal);
    private readonly LinkedList<ReplayStreamLog> _byRecency = new();
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
        var changes = default(ReplayChanges);
        lock (_lock)
        {
            if (!_streams.TryGetValue(stream, out ReplayStreamLog? log))
            {
                log = new ReplayStreamLog(stream, _highestRemovedId + 1);
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
            (id, long droppedBytes, woken) = log.Append(new ReplayEntry(0, data, eventType, size), _capacity);
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
        changes.ReportTo(_metrics);
        return ValueTask.FromResult(FormatId(id));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SseItem<string>> ReadAsync(string stream, string? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ReplayStreamLog log = Attach(stream);
        try
        {
            var batch = new List<ReplayEntry>();
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

                foreach (ReplayEntry entry in batch)
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
        var changes = default(ReplayChanges);
        lock (_lock)
        {
            long now = _time.GetTimestamp();
            LinkedListNode<ReplayStreamLog>? node = _byRecency.First;
            while (node is not null)
            {
                LinkedListNode<ReplayStreamLog>? next = node.Next;
                ReplayStreamLog log = node.Value;
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

        changes.ReportTo(_metrics);
    }

    private static long EventBytes(string data, string? eventType) => (2L * (data.Length + (eventType?.Length ?? 0))) + EventOverhead;

    private static string FormatId(long id) => id.ToString(CultureInfo.InvariantCulture);

    private ReplayStreamLog Attach(string stream)
    {
        ReplayStreamLog? log;
        lock (_lock)
        {
            if (!_streams.TryGetValue(stream, out log))
            {
                // Only while someone waits: Detach removes it again unless an append gave it events.
                log = new ReplayStreamLog(stream, _highestRemovedId + 1);
                _streams.Add(stream, log);
                log.Node = _byRecency.AddLast(log);
            }

            log.Readers++;
            Touch(log);
        }

        _metrics.ReplayReaders.Add(1);
        return log;
    }

    private void Detach(ReplayStreamLog log)
    {
        var changes = default(ReplayChanges);
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
        changes.ReportTo(_metrics);
    }

    private void Touch(ReplayStreamLog log)
    {
        Debug.Assert(_lock.IsHeldByCurrentThread);
        log.LastUsed = _time.GetTimestamp();
        _byRecency.Remove(log.Node!);
        _byRecency.AddLast(log.Node!);
    }

    private bool EvictLeastRecentIdle(ref ReplayChanges changes)
    {
        for (LinkedListNode<ReplayStreamLog>? node = _byRecency.First; node is not null; node = node.Next)
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
    private void TrimLeastRecent(ReplayStreamLog appendedTo, ref ReplayChanges changes)
    {
        for (LinkedListNode<ReplayStreamLog>? node = _byRecency.First; node is not null; node = node.Next)
        {
            ReplayStreamLog log = node.Value;
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

    private void Remove(ReplayStreamLog log, ref ReplayChanges changes)
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
}
