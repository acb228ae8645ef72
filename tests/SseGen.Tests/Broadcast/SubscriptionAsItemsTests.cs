using System.Net.ServerSentEvents;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static SseGen.Tests.Broadcast.TopicTestKit;

namespace SseGen.Tests.Broadcast;

/// <summary>
/// A subscription returned as the items a shared contract declares (<c>AsItems</c>, <c>AsEvents</c>) is written as the
/// topic's own frames, never through the endpoint's item writer; and a topic names JSON events as [SseEvent] names T.
/// </summary>
public sealed class SubscriptionAsItemsTests
{
    [Fact]
    public async Task SubscriptionAsItems_ThroughStreamAsync_WritesTheTopicsFramesAsTheyAre_NotThroughTheItemWriter()
    {
        SseTopic<Tick> topic = Topic();
        SseFrame first = await topic.PublishAsync(new Tick(1, "a"), TestTimeout.After(20));
        SseFrame second = await topic.PublishAsync(new Tick(2, "b\nc"), TestTimeout.After(20));
        SseFrame third = await topic.PublishAsync(new Tick(3, "d"), TestTimeout.After(20));
        int itemWrites = 0;
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
            web.MapGet("/ticks", (HttpContext context) =>
                SseResponse.StreamAsync(
                    context,
                    topic.SubscribeAsync(first.Id, context.RequestAborted).AsItems(),
                    (w, item) => Interlocked.Increment(ref itemWrites),
                    new SseStreamOptions { HeartbeatInterval = TimeSpan.Zero })));
        CancellationToken ct = TestTimeout.After(20);
        await using NetworkStream stream = await app.SendGetAsync("/ticks", ct);
        var reader = new StrictChunkedReader(stream);

        (string status, Dictionary<string, string> headers) = await reader.ReadResponseHeadAsync(ct);
        string expected = Text(second) + Text(third);
        var body = new StringBuilder();
        while (body.Length < expected.Length)
        {
            body.Append(Encoding.UTF8.GetString(await reader.ReadChunkAsync(ct)));
        }

        Assert.Equal("HTTP/1.1 200 OK", status);
        Assert.Equal("text/event-stream", headers["content-type"]);
        Assert.Equal(expected, body.ToString());
        Assert.Equal(0, itemWrites);
        Assert.Equal([second.Id, third.Id], SseOracle.Parse(Encoding.UTF8.GetBytes(body.ToString())).Select(e => e.EventId));
    }

    [Fact]
    public void SubscriptionAsEventsOrItems_EnumeratedOutsideAnEndpoint_ThrowsNotSupported_AndJoinsNothing()
    {
        SseTopic<Tick> topic = Topic();
        IAsyncEnumerable<Tick> events = topic.SubscribeAsync(null, TestContext.Current.CancellationToken).AsEvents();
        IAsyncEnumerable<SseItem<Tick>> items = topic.SubscribeAsync(null, TestContext.Current.CancellationToken).AsItems();

        var error = Assert.Throws<NotSupportedException>(() => events.GetAsyncEnumerator(TestContext.Current.CancellationToken));
        Assert.Throws<NotSupportedException>(() => items.GetAsyncEnumerator(TestContext.Current.CancellationToken));
        Assert.Contains("generated client", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, topic.SubscriberCount);
    }

    [Fact]
    public async Task TopicWithoutEventTypeOrWriter_NamesEventsAsTheSseEventAttributeNamesT_AndAnEventTypeOverridesIt()
    {
        var json = new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        var typeInfo = (JsonTypeInfo<Quoted>)json.GetTypeInfo(typeof(Quoted));
        var named = new SseTopic<Quoted>("named", new SseTopicOptions<Quoted> { TypeInfo = typeInfo, RetryMilliseconds = null });
        var overridden = new SseTopic<Quoted>("overridden", new SseTopicOptions<Quoted> { TypeInfo = typeInfo, EventType = "price", RetryMilliseconds = null });
        var plain = new SseTopic<Tick>("plain", TopicOptions());

        SseItem<string> byAttribute = Assert.Single(SseOracle.Parse((await named.PublishAsync(new Quoted(1), TestTimeout.After(20))).Utf8.ToArray()));
        SseItem<string> byOption = Assert.Single(SseOracle.Parse((await overridden.PublishAsync(new Quoted(2), TestTimeout.After(20))).Utf8.ToArray()));
        SseItem<string> unnamed = Assert.Single(SseOracle.Parse((await plain.PublishAsync(new Tick(3, "x"), TestTimeout.After(20))).Utf8.ToArray()));

        Assert.Equal("quote", byAttribute.EventType);
        Assert.Equal("""{"Bid":1}""", byAttribute.Data);
        Assert.Equal("price", byOption.EventType);
        Assert.Equal("message", unnamed.EventType);
    }

    /// <summary>An event type named by its attribute, as a shared contract's event types are.</summary>
    [SseEvent("quote")]
    public sealed record Quoted(decimal Bid);
}
