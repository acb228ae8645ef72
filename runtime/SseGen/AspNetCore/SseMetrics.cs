using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SseGen;

/// <summary>
/// The <c>SseGen</c> meter: open streams, events, bytes, heartbeats, disconnects, send timeouts and failures.
/// Created through the application's <see cref="IMeterFactory"/>, so each host (and each test) has its own.
/// Every measurement of a stream carries <see cref="RouteTag"/>.
/// </summary>
internal sealed class SseMetrics
{
    public const string MeterName = "SseGen";

    /// <summary>The tag naming the stream's endpoint by its route pattern, as ASP.NET Core's own HTTP metrics do.</summary>
    public const string RouteTag = "http.route";

    private static readonly ConditionalWeakTable<IMeterFactory, SseMetrics> ByFactory = [];
    private static readonly Lazy<SseMetrics> WithoutFactory = new(() => new SseMetrics(new Meter(MeterName)));
    private static readonly ConcurrentDictionary<string, StreamTags> TagsByRoute = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<ITopicQueues, byte> _queues = new();

    private SseMetrics(Meter meter)
    {
        ActiveStreams = meter.CreateUpDownCounter<long>("ssegen.streams.active", "{stream}", "Event streams open now");
        Events = meter.CreateCounter<long>("ssegen.events", "{event}", "Events written");
        Bytes = meter.CreateCounter<long>("ssegen.bytes", "By", "Bytes of frames written");
        Heartbeats = meter.CreateCounter<long>("ssegen.heartbeats", "{heartbeat}", "Heartbeat comments written to idle streams");
        Disconnects = meter.CreateCounter<long>("ssegen.disconnects", "{stream}", "Streams ended by the client going away");
        Timeouts = meter.CreateCounter<long>("ssegen.timeouts", "{stream}", "Streams ended because the client did not read within the send timeout");
        Failures = meter.CreateCounter<long>("ssegen.failures", "{stream}", "Streams ended by an exception from the endpoint's items");
        ReplayStreams = meter.CreateUpDownCounter<long>("ssegen.replay.streams", "{stream}", "Streams the in-memory replay store holds events of");
        ReplayEvents = meter.CreateUpDownCounter<long>("ssegen.replay.events", "{event}", "Events the in-memory replay store holds");
        ReplayBytes = meter.CreateUpDownCounter<long>("ssegen.replay.bytes", "By", "Estimated bytes of the events the in-memory replay store holds");
        ReplayReaders = meter.CreateUpDownCounter<long>("ssegen.replay.readers", "{reader}", "Readers of the in-memory replay store now");
        ReplayEvictions = meter.CreateCounter<long>("ssegen.replay.evictions", "{event}", "Events the in-memory replay store dropped, by reason");
        Topics = meter.CreateUpDownCounter<long>("ssegen.topics", "{topic}", "Broadcast topics held by registries");
        TopicSubscribers = meter.CreateUpDownCounter<long>("ssegen.topic.subscribers", "{subscriber}", "Subscribers of broadcast topics now");
        meter.CreateObservableUpDownCounter("ssegen.topic.queue.depth", ObserveQueueDepth, "{event}", "Live events waiting for subscribers of broadcast topics");
        TopicPublished = meter.CreateCounter<long>("ssegen.topic.published", "{event}", "Events published to broadcast topics, each serialized once");
        TopicOverflows = meter.CreateCounter<long>("ssegen.topic.overflows", "{action}", "Overflow policy actions on slow subscribers, by action");
        TopicHistoryLost = meter.CreateCounter<long>("ssegen.topic.history_lost", "{subscriber}", "Resumes answered with history-lost");
        TopicEvictions = meter.CreateCounter<long>("ssegen.topic.evictions", "{topic}", "Topics removed from a full registry");
        TopicDeliveryLatency = meter.CreateHistogram<double>("ssegen.topic.delivery.duration", "s", "Time from publish until a subscriber's stream takes the event to write it");
    }

    public UpDownCounter<long> ActiveStreams { get; }

    public Counter<long> Events { get; }

    public Counter<long> Bytes { get; }

    public Counter<long> Heartbeats { get; }

    public Counter<long> Disconnects { get; }

    public Counter<long> Timeouts { get; }

    public Counter<long> Failures { get; }

    public UpDownCounter<long> ReplayStreams { get; }

    public UpDownCounter<long> ReplayEvents { get; }

    public UpDownCounter<long> ReplayBytes { get; }

    public UpDownCounter<long> ReplayReaders { get; }

    /// <summary>Tagged with <see cref="EvictionReasonTag"/>: <c>capacity</c>, <c>ttl</c>, <c>max-streams</c> or <c>max-bytes</c>.</summary>
    public Counter<long> ReplayEvictions { get; }

    public UpDownCounter<long> Topics { get; }

    public UpDownCounter<long> TopicSubscribers { get; }

    /// <summary>Counts <paramref name="topic"/>'s subscribers' backlogs in <c>ssegen.topic.queue.depth</c> until <see cref="UntrackQueues"/>.</summary>
    public void TrackQueues(ITopicQueues topic) => _queues.TryAdd(topic, 0);

    public void UntrackQueues(ITopicQueues topic) => _queues.TryRemove(topic, out _);

    // Observed rather than counted: a publish then costs each subscriber nothing for the gauge, and a listener pays
    // for it only when it collects, one walk of the tracked topics' subscribers.
    private IEnumerable<Measurement<long>> ObserveQueueDepth()
    {
        // One measurement per topic type: an observed instrument reports each tag set once per collection.
        var byType = new Dictionary<string, (long Queued, TagList Tags)>(StringComparer.Ordinal);
        foreach (ITopicQueues topic in _queues.Keys)
        {
            TagList tags = topic.Tags;
            string type = tags.Count > 0 ? tags[0].Value as string ?? "" : "";
            byType[type] = (byType.GetValueOrDefault(type).Queued + topic.QueuedEvents, tags);
        }

        foreach ((long queued, TagList tags) in byType.Values)
        {
            yield return new Measurement<long>(queued, in tags);
        }
    }

    public Counter<long> TopicPublished { get; }

    /// <summary>Tagged with <see cref="OverflowActionTag"/>: <c>end-stream</c>, <c>disconnect</c> or <c>latest-per-key</c>.</summary>
    public Counter<long> TopicOverflows { get; }

    public Counter<long> TopicHistoryLost { get; }

    public Counter<long> TopicEvictions { get; }

    public Histogram<double> TopicDeliveryLatency { get; }

    /// <summary>The tag naming a topic's event type (never its name: names come from route values).</summary>
    public const string TopicTypeTag = "ssegen.topic.type";

    /// <summary>What an overflow policy did.</summary>
    public const string OverflowActionTag = "action";

    /// <summary>Why the replay store dropped events.</summary>
    public const string EvictionReasonTag = "reason";

    /// <summary>
    /// The tags of every measurement of one stream: one shared instance per route, so a stream holds a reference, not the
    /// 144 bytes of a <see cref="TagList"/>, and an event allocates nothing.
    /// </summary>
    public static StreamTags TagsFor(HttpContext context, SseStreamOptions options)
    {
        // The route pattern or the endpoint's name, never the request path: a path carries user values, and every distinct
        // tag value is a time series of its own. A stream with neither is measured untagged. Both come from the app's
        // endpoints, so the cache holds one entry per endpoint.
        string? route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? options.EndpointName;
        return route is null ? StreamTags.None : TagsByRoute.GetOrAdd(route, static r => new StreamTags(new TagList { { RouteTag, r } }));
    }

    public static SseMetrics For(IMeterFactory? factory) =>
        factory is null ? WithoutFactory.Value : ByFactory.GetValue(factory, static f => new SseMetrics(f.Create(MeterName)));
}

/// <summary>A stream's measurement tags, shared by every stream of one route.</summary>
internal sealed class StreamTags(TagList value)
{
    /// <summary>No tags: a stream with neither a route nor an endpoint name.</summary>
    public static StreamTags None { get; } = new(default);

    public readonly TagList Value = value;
}
