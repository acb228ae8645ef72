using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SseGen.Redis;

/// <summary>
/// An <see cref="ISseReplayStore"/> on Redis Streams, shared by every server of an application: an event appended on
/// any server reaches the readers on every server, in order, and its id (the stream entry id) is the same everywhere,
/// so a client can reconnect to another server with <c>Last-Event-ID</c> and lose nothing.
/// </summary>
/// <remarks>
/// Appends are <c>XADD ... MAXLEN ~</c> and <c>EXPIRE</c> (<see cref="RedisSseReplayOptions.IdleTimeout"/>) in one
/// transaction, plus a <c>PUBLISH</c> that wakes readers; readers catch up with <c>XRANGE</c> from their last id
/// (exclusive), so a lost notification delays an event by at most <see cref="RedisSseReplayOptions.PollInterval"/> and
/// never loses it. Reads create no key, and a reader holds its in-process wake-up entry only while it reads: one pub/sub
/// subscription serves every stream, confirmed before any reader's first read.
/// </remarks>
public sealed class RedisSseReplayStore : ISseReplayStore, IAsyncDisposable
{
    private const int BatchSize = 256;
    private static readonly RedisValue DataField = "d";
    private static readonly RedisValue EventTypeField = "t";

    private readonly RedisSseReplayOptions _options;
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;
    private readonly ConcurrentDictionary<string, Signal> _signals = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly RedisChannel _channel;
    private Task? _subscription;

    /// <summary>Creates a store that connects to Redis on first use.</summary>
    /// <param name="options">Where Redis is and how long streams are.</param>
    public RedisSseReplayStore(IOptions<RedisSseReplayOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxLength, "options.MaxLength");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.IdleTimeout, TimeSpan.Zero, "options.IdleTimeout");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.PollInterval, TimeSpan.Zero, "options.PollInterval");
        _channel = RedisChannel.Literal(_options.KeyPrefix + "appended");
        _connection = new Lazy<Task<ConnectionMultiplexer>>(() => ConnectionMultiplexer.ConnectAsync(_options.Configuration));
    }

    /// <inheritdoc />
    public async ValueTask<string> AppendAsync(string stream, string data, string? eventType = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(data);
        SseFrameWriter.ValidateEventType(eventType);
        ConnectionMultiplexer connection = await _connection.Value.ConfigureAwait(false);
        IDatabase redis = connection.GetDatabase();

        NameValueEntry[] fields = eventType is null ? [new(DataField, data)] : [new(DataField, data), new(EventTypeField, eventType)];
        RedisKey key = Key(stream);

        // One transaction, so no stream is ever left without its expiry: a name nobody appends to any more goes away.
        ITransaction transaction = redis.CreateTransaction();
        Task<RedisValue> added = transaction.StreamAddAsync(key, fields, maxLength: _options.MaxLength, useApproximateMaxLength: true);
        Task<bool> expiring = transaction.KeyExpireAsync(key, _options.IdleTimeout);
        await transaction.ExecuteAsync().ConfigureAwait(false);
        RedisValue id = await added.ConfigureAwait(false);
        await expiring.ConfigureAwait(false);
        await redis.PublishAsync(_channel, stream).ConfigureAwait(false);
        return id.ToString();
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SseItem<string>> ReadAsync(string stream, string? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ConnectionMultiplexer connection = await _connection.Value.ConfigureAwait(false);
        await SubscribeAsync(connection).ConfigureAwait(false);
        IDatabase redis = connection.GetDatabase();
        RedisKey key = Key(stream);
        Signal signal = Attach(stream);
        try
        {
            string after = await RedisStreamHistory.LatestIdAsync(redis, key).ConfigureAwait(false);
            if (lastEventId is not null)
            {
                if (await RedisStreamHistory.HoldsEverythingAfterAsync(redis, key, lastEventId, after).ConfigureAwait(false))
                {
                    after = lastEventId;
                }
                else
                {
                    // As the in-memory store: say what was lost, move the client's id to now, go on live.
                    yield return new SseItem<string>(lastEventId, ISseReplayStore.HistoryLostEventType) { EventId = after };
                }
            }

            while (true)
            {
                // Take the signal before reading, so an append between the read and the wait still wakes us.
                Task appended = signal.Next;
                StreamEntry[] entries = await redis.StreamRangeAsync(key, "(" + after, "+", BatchSize).ConfigureAwait(false);
                foreach (StreamEntry entry in entries)
                {
                    RedisValue eventType = entry[EventTypeField];
                    yield return new SseItem<string>(entry[DataField].ToString(), eventType.IsNull ? null : eventType.ToString()) { EventId = entry.Id.ToString() };
                    after = entry.Id.ToString();
                }

                if (entries.Length < BatchSize)
                {
                    try
                    {
                        await appended.WaitAsync(_options.PollInterval, cancellationToken).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                    }
                }
            }
        }
        finally
        {
            Detach(stream, signal);
        }
    }

    /// <summary>Closes the Redis connection, if one was opened.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            ConnectionMultiplexer connection = await _connection.Value.ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>How many stream names have a reader in this process now.</summary>
    internal int SignalCount => _signals.Count;

    private RedisKey Key(string stream) => _options.KeyPrefix + "stream:" + stream;

    /// <summary>
    /// Subscribes once for every stream; every reader awaits the same confirmation, so none reads before a notification
    /// could reach it. A failed subscription is tried again by the next reader.
    /// </summary>
    private Task SubscribeAsync(ConnectionMultiplexer connection)
    {
        lock (_lock)
        {
            if (_subscription is null || _subscription.IsFaulted || _subscription.IsCanceled)
            {
                _subscription = connection.GetSubscriber().SubscribeAsync(_channel, (_, stream) =>
                {
                    if (_signals.TryGetValue(stream.ToString(), out Signal? signal))
                    {
                        signal.Raise();
                    }
                });
            }

            return _subscription;
        }
    }

    private Signal Attach(string stream)
    {
        lock (_lock)
        {
            Signal signal = _signals.GetOrAdd(stream, static _ => new Signal());
            signal.Readers++;
            return signal;
        }
    }

    /// <summary>Forgets the stream's signal with its last reader, so names read once are not remembered.</summary>
    private void Detach(string stream, Signal signal)
    {
        lock (_lock)
        {
            if (--signal.Readers == 0)
            {
                _signals.TryRemove(stream, out _);
            }
        }
    }

    /// <summary>A task that completes at the next append to one stream, then is replaced.</summary>
    private sealed class Signal
    {
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Readers of the stream in this process; guarded by the store's lock.</summary>
        public int Readers { get; set; }

        public Task Next => Volatile.Read(ref _next).Task;

        public void Raise() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
