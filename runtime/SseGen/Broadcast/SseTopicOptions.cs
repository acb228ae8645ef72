using System.Text.Json.Serialization.Metadata;

namespace SseGen;

/// <summary>How the topics of one event type encode, keep and deliver their events.</summary>
/// <typeparam name="T">The topics' event type.</typeparam>
/// <remarks>
/// Every bound is checked when a topic is created: a zero or negative one throws <see cref="ArgumentOutOfRangeException"/>.
/// Memory per topic is its history (at most <see cref="HistoryCapacity"/> events and <see cref="HistoryMaxBytes"/>);
/// per subscriber, references to frames the history shares, at most <see cref="QueueCapacity"/> and <see cref="QueueMaxBytes"/>.
/// </remarks>
public sealed class SseTopicOptions<T>
{
    /// <summary>
    /// Writes each published value as its event. <see langword="null"/> writes <see cref="TypeInfo"/>'s JSON under
    /// <see cref="EventType"/>.
    /// </summary>
    public SseTopicWriter<T>? Writer { get; set; }

    /// <summary>
    /// The JSON contract of the events when there is no <see cref="Writer"/>. <see langword="null"/> under
    /// <c>AddSseTopics</c> takes it from the app's <c>Microsoft.AspNetCore.Http.Json.JsonOptions</c>.
    /// </summary>
    public JsonTypeInfo<T>? TypeInfo { get; set; }

    /// <summary>
    /// The <c>event:</c> field of JSON events written without a <see cref="Writer"/>; <see langword="null"/> for the one
    /// <see cref="SseEventAttribute"/> gives <typeparamref name="T"/>, or <c>message</c> without one.
    /// </summary>
    public string? EventType { get; set; }

    /// <summary>How many of its latest events a topic keeps for subscribers that resume. Default: 1024.</summary>
    public int HistoryCapacity { get; set; } = 1024;

    /// <summary>How many bytes of frames a topic keeps for subscribers that resume. Default: 4 MiB.</summary>
    public long HistoryMaxBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>
    /// How many events one resume may replay; a client that missed more gets the <c>history-lost</c> event instead, so a
    /// reconnect storm cannot make every client replay the whole history. Default: 1024.
    /// </summary>
    public int MaxResumeEvents { get; set; } = 1024;

    /// <summary>How many bytes of frames one resume may replay, as <see cref="MaxResumeEvents"/>. Default: 1 MiB.</summary>
    public long MaxResumeBytes { get; set; } = 1024L * 1024;

    /// <summary>How many live events may wait for one subscriber before <see cref="OverflowPolicy"/> applies. Default: 1024.</summary>
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>How many bytes of live frames may wait for one subscriber before <see cref="OverflowPolicy"/> applies. Default: 1 MiB.</summary>
    public long QueueMaxBytes { get; set; } = 1024L * 1024;

    /// <summary>
    /// What happens to a subscriber whose queue is full, unless its endpoint chose otherwise
    /// (<see cref="SseTopic{T}.SubscribeAsync(string?, SseOverflowPolicy, CancellationToken)"/>). Default:
    /// <see cref="SseOverflowPolicy.EndStream"/>.
    /// </summary>
    public SseOverflowPolicy OverflowPolicy { get; set; } = SseOverflowPolicy.EndStream;

    /// <summary>The key of an event under <see cref="SseOverflowPolicy.LatestPerKey"/> (required by that policy only, whether the type's or an endpoint's).</summary>
    public Func<T, string>? KeySelector { get; set; }

    /// <summary>
    /// The reconnection time each subscription sends first in a <c>retry:</c> field, before <see cref="RetryJitter"/>;
    /// <see langword="null"/> sends none. Default: 3000.
    /// </summary>
    public long? RetryMilliseconds { get; set; } = 3000;

    /// <summary>
    /// Spreads reconnections after a deploy: each subscription's <c>retry:</c> is drawn uniformly from
    /// [<see cref="RetryMilliseconds"/>, <see cref="RetryMilliseconds"/> × (1 + this)). Default: 0.5; 0 sends it exactly.
    /// </summary>
    public double RetryJitter { get; set; } = 0.5;

    /// <summary>
    /// How many topics of this type a registry (<see cref="SseTopics{T}"/>) holds. Getting one more evicts the least
    /// recently used topic that has no subscriber; when every topic has one, it throws. Default: 10,000.
    /// </summary>
    public int MaxTopics { get; set; } = 10_000;

    /// <summary>The <c>ssegen.topic.type</c> tag of this type's topic metrics; <see langword="null"/> for the type's name.</summary>
    /// <remarks>Topic names are not metric tags: they come from route values, and each would be a time series of its own.</remarks>
    public string? MetricName { get; set; }

    /// <summary>
    /// Shares the topics between servers (set by <c>AddSseRedisTopics</c>); <see langword="null"/> keeps them in this
    /// process. With one, ids and the history are the shared log's: <see cref="HistoryCapacity"/> and
    /// <see cref="HistoryMaxBytes"/> do not apply, the resume caps do.
    /// </summary>
    internal ITopicBackplane? Backplane { get; set; }
}
