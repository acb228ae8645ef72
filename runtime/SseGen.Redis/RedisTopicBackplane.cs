using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace SseGen.Redis;

/// <summary>
/// Shares one event type's topics between servers: each topic is a Redis stream, and one pub/sub channel carries every
/// appended frame to the servers that follow the topic.
/// </summary>
/// <remarks>
/// An append is one script: it gives the event the next stream id (milliseconds, then sequence, as <c>XADD *</c> would),
/// fills it into the frame the publishing server encoded, <c>XADD</c>s the frame with <c>MAXLEN ~</c>, renews the
/// key's expiry and <c>PUBLISH</c>es the frame with the id before it. A follower hands a published frame on only when
/// that previous id is the last one it handed on; otherwise (a lost or reordered message, a restart) it reads the
/// stream from its last id with <c>XRANGE</c>, as it does every <see cref="RedisSseTopicOptions.PollInterval"/> while
/// idle. So every server hands on every event once, in the stream's order, and the frame's bytes are the same
/// everywhere. Reads create no key; a server holds a follower only while the topic has a subscriber there.
/// </remarks>
internal sealed class RedisTopicBackplane : ITopicBackplane, IAsyncDisposable
{
    private const int BatchSize = 256;
    private static readonly RedisValue FrameField = "f";
    private static readonly RedisValue KeyField = "k";

    // KEYS[1] the stream; ARGV: head, tail, encoded key ('' none, '=' .. key), max length, expiry ms, channel, topic.
    private const string AppendScript = """
        local stream = KEYS[1]
        local now = redis.call('TIME')
        local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
        local seq = 0
        local prev = '0-0'
        if redis.call('EXISTS', stream) == 1 then
          local info = redis.call('XINFO', 'STREAM', stream)
          for i = 1, #info, 2 do
            if info[i] == 'last-generated-id' then
              prev = info[i + 1]
              break
            end
          end
          local dash = string.find(prev, '-', 1, true)
          local prevMs = tonumber(string.sub(prev, 1, dash - 1))
          if prevMs >= ms then
            ms = prevMs
            seq = tonumber(string.sub(prev, dash + 1)) + 1
          end
        end
        local id = string.format('%.0f-%.0f', ms, seq)
        local frame = ARGV[1] .. id .. ARGV[2]
        redis.call('XADD', stream, 'MAXLEN', '~', ARGV[4], id, 'f', frame, 'k', ARGV[3])
        redis.call('PEXPIRE', stream, ARGV[5])
        redis.call('PUBLISH', ARGV[6], ARGV[7] .. '\n' .. prev .. '\n' .. id .. '\n' .. #ARGV[3] .. '\n' .. ARGV[3] .. frame)
        return id
        """;

    private readonly RedisSseTopicOptions _options;
    private readonly ILogger _logger;
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;
    private readonly RedisChannel _channel;
    private readonly ConcurrentDictionary<string, Follower> _byTopic = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ITopicFeed, Follower> _byFeed = new();
    private readonly Lock _lock = new();
    private Task? _subscription;

    public RedisTopicBackplane(RedisSseTopicOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _channel = RedisChannel.Literal(options.KeyPrefix + "published");
        _connection = new Lazy<Task<ConnectionMultiplexer>>(() => ConnectionMultiplexer.ConnectAsync(options.Configuration));
    }

    /// <summary>How many topics this server follows now.</summary>
    internal int FollowerCount => _byFeed.Count;

    public async ValueTask<string> AppendAsync(string topic, TopicFrameTemplate frame, string? key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ConnectionMultiplexer connection = await _connection.Value.ConfigureAwait(false);

        // Not cancelled once sent: an append whose outcome is unknown would be published and reported as not.
        RedisResult id = await connection.GetDatabase().ScriptEvaluateAsync(
            AppendScript,
            [Key(topic)],
            [frame.Head, frame.Tail, key is null ? "" : "=" + key, _options.MaxLength, (long)_options.IdleTimeout.TotalMilliseconds, _channel.ToString(), topic]).ConfigureAwait(false);
        return id.ToString();
    }

    public async Task<string> FollowAsync(string topic, ITopicFeed feed)
    {
        var follower = new Follower(this, topic, feed);
        _byFeed[feed] = follower;
        _byTopic[topic] = follower;
        try
        {
            ConnectionMultiplexer connection = await _connection.Value.ConfigureAwait(false);

            // Subscribed before the latest id is read, so every event after it is either published to us or read by the pump.
            await SubscribeAsync(connection).ConfigureAwait(false);
            string latest = await RedisStreamHistory.LatestIdAsync(connection.GetDatabase(), Key(topic)).ConfigureAwait(false);
            follower.Start(latest, connection.GetDatabase());
            return latest;
        }
        catch
        {
            Unfollow(topic, feed);
            throw;
        }
    }

    public void Unfollow(string topic, ITopicFeed feed)
    {
        if (_byFeed.TryRemove(feed, out Follower? follower))
        {
            _byTopic.TryRemove(KeyValuePair.Create(topic, follower));
            follower.Stop();
        }
    }

    public async Task<IReadOnlyList<SseFrame>?> ReadAsync(string topic, string afterId, string throughId, int maxEvents, long maxBytes, CancellationToken cancellationToken)
    {
        if (!BackplaneId.TryParse(afterId, out UInt128 after) || !BackplaneId.TryParse(throughId, out UInt128 through))
        {
            return null;
        }

        ConnectionMultiplexer connection = await _connection.Value.ConfigureAwait(false);
        IDatabase redis = connection.GetDatabase();
        RedisKey key = Key(topic);
        StreamEntry[] entries = after >= through ? [] : await redis.StreamRangeAsync(key, "(" + afterId, throughId, maxEvents == int.MaxValue ? null : maxEvents + 1).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        long bytes = 0;
        foreach (StreamEntry entry in entries)
        {
            bytes += ((byte[]?)entry[FrameField])?.Length ?? 0;
        }

        if (entries.Length > maxEvents || bytes > maxBytes)
        {
            return null;
        }

        // Checked after the read: trimming only removes the oldest entries, so if the client's id is still covered now,
        // nothing after it was missing when the range was read.
        string latest = await RedisStreamHistory.LatestIdAsync(redis, key).ConfigureAwait(false);
        if (!await RedisStreamHistory.HoldsEverythingAfterAsync(redis, key, afterId, latest).ConfigureAwait(false))
        {
            return null;
        }

        var frames = new List<SseFrame>(entries.Length);
        foreach (StreamEntry entry in entries)
        {
            var utf8 = (byte[]?)entry[FrameField];
            if (utf8 is null || !TopicFrameTemplate.IsWholeFrames(utf8))
            {
                TopicLog.ForeignEntryDropped(_logger, topic, entry.Id.ToString());
                continue;
            }

            frames.Add(SseFrame.FromEncoded(utf8, entry.Id.ToString()));
        }

        return frames;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (Follower follower in _byFeed.Values)
        {
            follower.Stop();
        }

        if (_connection.IsValueCreated)
        {
            try
            {
                ConnectionMultiplexer connection = await _connection.Value.ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (RedisConnectionException)
            {
                // Never connected: nothing to close.
            }
        }
    }

    private RedisKey Key(string topic) => _options.KeyPrefix + "stream:" + topic;

    /// <summary>One subscription for every topic, confirmed before any follower reads; a failed one is tried again by the next.</summary>
    private Task SubscribeAsync(ConnectionMultiplexer connection)
    {
        lock (_lock)
        {
            if (_subscription is null || _subscription.IsFaulted || _subscription.IsCanceled)
            {
                _subscription = SubscribeInOrderAsync(connection);
            }

            return _subscription;
        }
    }

    private async Task SubscribeInOrderAsync(ConnectionMultiplexer connection)
    {
        ChannelMessageQueue messages = await connection.GetSubscriber().SubscribeAsync(_channel).ConfigureAwait(false);

        // One at a time, in the order Redis published them: a follower then finds a gap (and reads the stream) only
        // when a message was really lost, not because two were handled at once.
        messages.OnMessage(message => OnPublished((byte[]?)message.Message));
    }

    /// <summary>Parses <c>{topic}\n{previous id}\n{id}\n{key length}\n{key}{frame}</c> and hands it to the topic's follower, if any.</summary>
    private void OnPublished(byte[]? message)
    {
        if (message is null)
        {
            return;
        }

        ReadOnlySpan<byte> rest = message;
        if (!TryTakeLine(ref rest, out string? topic) || !_byTopic.TryGetValue(topic, out Follower? follower))
        {
            return;
        }

        if (!TryTakeLine(ref rest, out string? previous) || !TryTakeLine(ref rest, out string? id) || !TryTakeLine(ref rest, out string? keyLength)
            || !int.TryParse(keyLength, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int length) || length > rest.Length)
        {
            // Not ours, or damaged: the follower reads the stream instead.
            follower.Wake();
            return;
        }

        string? key = length == 0 ? null : Encoding.UTF8.GetString(rest[1..length]);
        follower.OnPublished(previous, id, key, rest[length..].ToArray());
    }

    private static bool TryTakeLine(ref ReadOnlySpan<byte> rest, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? line)
    {
        int end = rest.IndexOf((byte)'\n');
        if (end < 0)
        {
            line = null;
            return false;
        }

        line = Encoding.UTF8.GetString(rest[..end]);
        rest = rest[(end + 1)..];
        return true;
    }

    private static string? DecodeKey(RedisValue value)
    {
        string? encoded = value;
        return string.IsNullOrEmpty(encoded) ? null : encoded[1..];
    }

    /// <summary>One followed topic on this server: hands each event on once, in the stream's order.</summary>
    private sealed class Follower(RedisTopicBackplane owner, string topic, ITopicFeed feed)
    {
        private readonly Lock _lock = new();
        private readonly CancellationTokenSource _stop = new();
        private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private string? _lastId;
        private UInt128 _lastPosition;
        private bool _stopped;

        public void Start(string latest, IDatabase redis)
        {
            lock (_lock)
            {
                if (_stopped)
                {
                    return;
                }

                _lastId = latest;
                BackplaneId.TryParse(latest, out _lastPosition);
            }

            _ = PumpAsync(redis);
        }

        public void Stop()
        {
            lock (_lock)
            {
                _stopped = true;
            }

            _stop.Cancel();
        }

        public void Wake() => Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

        public void OnPublished(string previous, string id, string? key, byte[] frame)
        {
            lock (_lock)
            {
                if (_stopped || _lastId is null)
                {
                    // Not started: the pump's first read, from the id following began at, takes it.
                    return;
                }

                if (string.Equals(previous, _lastId, StringComparison.Ordinal) && BackplaneId.TryParse(id, out UInt128 position))
                {
                    HandOnLocked(id, position, key, frame);
                    return;
                }

                if (BackplaneId.TryParse(id, out UInt128 seen) && seen <= _lastPosition)
                {
                    return;
                }
            }

            // A gap: a message was lost or came out of order.
            Wake();
        }

        private void HandOnLocked(string id, UInt128 position, string? key, byte[] frame)
        {
            _lastId = id;
            _lastPosition = position;
            feed.Deliver(id, key, frame);
        }

        private async Task PumpAsync(IDatabase redis)
        {
            try
            {
                await FollowAsync(redis, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                // Stopped, or the connection closed with the app: nothing more to hand on.
            }
        }

        private async Task FollowAsync(IDatabase redis, CancellationToken stopping)
        {
            RedisKey key = owner.Key(topic);
            while (!stopping.IsCancellationRequested)
            {
                Task woken = Volatile.Read(ref _wake).Task;
                try
                {
                    string after;
                    lock (_lock)
                    {
                        after = _lastId!;
                    }

                    StreamEntry[] entries = await redis.StreamRangeAsync(key, "(" + after, "+", BatchSize).ConfigureAwait(false);
                    lock (_lock)
                    {
                        foreach (StreamEntry entry in entries)
                        {
                            string id = entry.Id.ToString();
                            if (_stopped || !BackplaneId.TryParse(id, out UInt128 position))
                            {
                                break;
                            }

                            if (position > _lastPosition)
                            {
                                HandOnLocked(id, position, DecodeKey(entry[KeyField]), (byte[]?)entry[FrameField] ?? []);
                            }
                        }
                    }

                    if (entries.Length == BatchSize)
                    {
                        continue;
                    }
                }
                catch (Exception exception) when (!stopping.IsCancellationRequested)
                {
                    // Redis unreachable: try again after the poll interval; the subscribers wait, nothing is lost.
                    RedisTopicLog.ReadFailed(owner._logger, topic, exception);
                }

                try
                {
                    await woken.WaitAsync(owner._options.PollInterval, stopping).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                }
            }
        }
    }
}
