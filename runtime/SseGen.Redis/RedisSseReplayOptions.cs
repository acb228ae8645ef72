namespace SseGen.Redis;

/// <summary>Options of <see cref="RedisSseReplayStore"/>.</summary>
public sealed class RedisSseReplayOptions
{
    /// <summary>The StackExchange.Redis configuration string, for example <c>localhost:6379</c>.</summary>
    public string Configuration { get; set; } = "localhost:6379";

    /// <summary>The prefix of the Redis keys and of the notification channel. Default: <c>ssegen:</c>.</summary>
    public string KeyPrefix { get; set; } = "ssegen:";

    /// <summary>About how many of its latest events each stream keeps (<c>XADD MAXLEN ~</c>). Default: 10,000.</summary>
    public int MaxLength { get; set; } = 10_000;

    /// <summary>
    /// How long a stream's key lives after its last append (<c>EXPIRE</c>, renewed by each append). Default: 10 minutes.
    /// </summary>
    /// <remarks>
    /// A client that comes back after the key expired, with an id of the expired stream, gets
    /// <see cref="ISseReplayStore.HistoryLostEventType"/>. Readers do not renew it: while nobody appends there is nothing to lose.
    /// </remarks>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often an idle reader looks for new events even without a notification, should one be lost
    /// (pub/sub delivers at most once). Default: 1 second.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
