using System.Collections.Concurrent;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace SseGen;

/// <summary>
/// The in-process <see cref="ISseReplayStore"/>: each stream keeps its last <see cref="SseReplayOptions.Capacity"/>
/// events in a ring, with ids that count up from 1. For one server; across servers use a shared store.
/// </summary>
public sealed class InMemorySseReplayStore : ISseReplayStore
{
    private readonly ConcurrentDictionary<string, StreamLog> _streams = new(StringComparer.Ordinal);
    private readonly int _capacity;

    /// <summary>Creates a store with the configured capacity per stream.</summary>
    /// <param name="options">The store's options.</param>
    public InMemorySseReplayStore(IOptions<SseReplayOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _capacity = options.Value.Capacity;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_capacity, "options.Capacity");
    }

    /// <inheritdoc />
    public ValueTask<string> AppendAsync(string stream, string data, string? eventType = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(data);
        SseFrameWriter.ValidateEventType(eventType);
        long id = Log(stream).Append(data, eventType);
        return ValueTask.FromResult(FormatId(id));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SseItem<string>> ReadAsync(string stream, string? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        StreamLog log = Log(stream);
        var batch = new List<Entry>();

        long after = log.Latest;
        string? lostFrom = null;
        if (lastEventId is not null)
        {
            bool known = long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out after) && after <= log.Latest;
            lostFrom = known ? null : lastEventId;
        }

        while (true)
        {
            Task changed = log.ReadAfter(lostFrom is null ? after : long.MaxValue, batch, out long latest);
            if (lostFrom is not null || (batch.Count > 0 && batch[0].Id != after + 1))
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

    private static string FormatId(long id) => id.ToString(CultureInfo.InvariantCulture);

    private StreamLog Log(string stream) => _streams.GetOrAdd(stream, static (_, capacity) => new StreamLog(capacity), _capacity);

    private readonly record struct Entry(long Id, string Data, string? EventType);

    private sealed class StreamLog(int capacity)
    {
        private readonly Lock _lock = new();
        private readonly Entry[] _ring = new Entry[capacity];
        private long _latest;
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

        public long Append(string data, string? eventType)
        {
            TaskCompletionSource changed;
            long id;
            lock (_lock)
            {
                id = ++_latest;
                _ring[id % _ring.Length] = new Entry(id, data, eventType);
                changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.TrySetResult();
            return id;
        }

        /// <summary>
        /// Copies the held events after <paramref name="after"/> (the first may come later than <paramref name="after"/> + 1
        /// where events were evicted) and returns what completes on the next append.
        /// </summary>
        public Task ReadAfter(long after, List<Entry> into, out long latest)
        {
            lock (_lock)
            {
                latest = _latest;
                long first = Math.Max(after == long.MaxValue ? _latest + 1 : after + 1, Math.Max(1, _latest - _ring.Length + 1));
                for (long id = first; id <= _latest; id++)
                {
                    into.Add(_ring[id % _ring.Length]);
                }

                return _changed.Task;
            }
        }
    }
}
