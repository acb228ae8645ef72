namespace SseGen.Redis;

/// <summary>How <c>AddSseRedisTopics</c> shares one event type's topics between servers through Redis.</summary>
public sealed class RedisSseTopicOptions
{
    /// <summary>The StackExchange.Redis configuration string, for example <c>localhost:6379</c>.</summary>
    public string Configuration { get; set; } = "localhost:6379";

    /// <summary>
    /// The prefix of the topics' stream keys (<c>{prefix}stream:{topic}</c>) and of their channel
    /// (<c>{prefix}published</c>). <c>AddSseRedisTopics&lt;T&gt;</c> sets <c>ssegen:topics:{T's name}:</c> before its
    /// <c>configure</c> runs, so two event types' topics of one name never meet.
    /// </summary>
    public string KeyPrefix { get; set; } = "ssegen:topics:";

    /// <summary>About how many of its latest events each topic's stream keeps (<c>XADD MAXLEN ~</c>). Default: 10,000.</summary>
    public int MaxLength { get; set; } = 10_000;

    /// <summary>
    /// How long a topic's stream lives after its last publish (renewed by each one). Default: 10 minutes. A client that
    /// comes back later with an id of the expired stream gets <c>history-lost</c>.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often a server that follows a topic reads its stream even without a message, should one be lost (pub/sub
    /// delivers at most once). Default: 1 second.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
