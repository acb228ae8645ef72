using SseGen.Generator.Tests.Infrastructure;
using Xunit;

namespace SseGen.Generator.Tests.Emitting;

/// <summary>Endpoints that return a broadcast topic's subscription: frames written as encoded, <c>T</c> described as the events.</summary>
public sealed class TopicEndpointTests
{
    [Fact]
    public Task TopicSubscription_WritesEachFrameAsEncoded_AndDescribesItsEventType() => GeneratorSnapshot.VerifyAsync("""
        namespace MyApp;

        [SseEvent("price")]
        public sealed record Price(string Symbol, decimal Value);

        public static class Feeds
        {
            [SseEndpoint("/prices/{market}")]
            public static SseSubscription<Price> Prices(string market, [LastEventId] string? lastEventId, SseTopics<Price> topics, CancellationToken ct) =>
                topics.Get(SseTopicName.Join("prices", market)).SubscribeAsync(lastEventId, ct);
        }
        """);

    [Fact]
    public Task AwaitedTopicSubscriptionOfAUnion_DescribesEveryCase() => GeneratorSnapshot.VerifyAsync("""
        namespace MyApp;

        public abstract record ChatEvent;

        [SseEvent("joined")]
        public sealed record Joined(string User) : ChatEvent;

        [SseEvent("said")]
        public sealed record Said(string User, string Text) : ChatEvent;

        public static class Feeds
        {
            [SseEndpoint("/chat/{room}")]
            public static async Task<SseSubscription<ChatEvent>> Chat(string room, [LastEventId] string? lastEventId, SseTopics<ChatEvent> topics, CancellationToken ct)
            {
                SseTopic<ChatEvent> topic = topics.Get(SseTopicName.Join("chat", room));
                await topic.PublishAsync(new Joined("someone"), ct);
                return topic.SubscribeAsync(lastEventId, ct);
            }
        }
        """);
}
