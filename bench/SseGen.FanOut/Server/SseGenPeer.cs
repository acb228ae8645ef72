namespace SseGen.FanOut.Server;

/// <summary>
/// The SseGen peer: one <see cref="SseTopic{T}"/> from the registry <c>AddSseTopics</c> registers, and real
/// <see cref="SseEndpointAttribute"/> methods returning its subscription, mapped by the generated <c>MapSseEndpoints()</c>.
/// </summary>
internal static class SseGenPeer
{
    [SseEndpoint("/fanout/" + Peers.SseGen)]
    public static SseSubscription<FanEvent> Subscribe([LastEventId] string? lastEventId, SseTopics<FanEvent> topics, CancellationToken ct) =>
        topics.Get(Peers.TopicName).SubscribeAsync(lastEventId, ct);

    /// <summary>The idle-scale stream: a subscription to a topic nobody publishes to, kept alive by a heartbeat every second.</summary>
    [SseEndpoint("/idle/" + Peers.SseGen, HeartbeatSeconds = 1)]
    public static SseSubscription<FanEvent> Idle([LastEventId] string? lastEventId, SseTopics<FanEvent> topics, CancellationToken ct) =>
        topics.Get(Peers.IdleTopicName).SubscribeAsync(lastEventId, ct);
}

/// <summary>Publishes to the SseGen peer's topic: each event serialized once, the same frame queued for every subscriber.</summary>
internal sealed class SseGenPublisher(SseTopics<FanEvent> topics) : IFanOutPeer
{
    private readonly SseTopic<FanEvent> _topic = topics.Get(Peers.TopicName);

    public int Subscribers => _topic.SubscriberCount;

    public async ValueTask PublishAsync(FanEvent value) => await _topic.PublishAsync(value).ConfigureAwait(false);
}
