using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static SseGen.Tests.Broadcast.TopicTestKit;

namespace SseGen.Tests.Broadcast;

public sealed class SseTopicsRegistryTests
{
    [Fact]
    public void Get_SameName_SameTopic_OtherName_OtherTopic()
    {
        var topics = new SseTopics<Tick>(Options.Create(TopicOptions()));

        Assert.Same(topics.Get("chat/a"), topics.Get("chat/a"));
        Assert.NotSame(topics.Get("chat/a"), topics.Get("chat/b"));
        Assert.Equal(2, topics.Count);
    }

    [Fact]
    public async Task Get_Full_EvictsTheLeastRecentlyUsedTopicWithoutSubscriber()
    {
        var topics = new SseTopics<Tick>(Options.Create(TopicOptions(o => o.MaxTopics = 3)));
        SseTopic<Tick> subscribed = topics.Get("a");
        await using IAsyncEnumerator<SseFrame> reader = subscribed.SubscribeAsync(null, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        _ = reader.MoveNextAsync();
        SseTopic<Tick> older = topics.Get("b");
        SseTopic<Tick> newer = topics.Get("c");
        await newer.PublishAsync(new Tick(1, "x"), TestContext.Current.CancellationToken);

        topics.Get("d");

        Assert.Equal(3, topics.Count);
        Assert.Same(subscribed, topics.Get("a"));
        Assert.Same(newer, topics.Get("c"));
        Assert.NotSame(older, topics.Get("b"));
    }

    [Fact]
    public async Task Get_FullOfSubscribedTopics_Throws()
    {
        var topics = new SseTopics<Tick>(Options.Create(TopicOptions(o => o.MaxTopics = 2)));
        var readers = new List<IAsyncEnumerator<SseFrame>>();
        foreach (string name in new[] { "a", "b" })
        {
            IAsyncEnumerator<SseFrame> reader = topics.Get(name).SubscribeAsync(null, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
            _ = reader.MoveNextAsync();
            readers.Add(reader);
        }

        Assert.Throws<InvalidOperationException>(() => topics.Get("c"));
        foreach (IAsyncEnumerator<SseFrame> reader in readers)
        {
            await reader.DisposeAsync();
        }
    }

    [Fact]
    public async Task EvictedTopic_PublishReachesTheNamesLiveTopic()
    {
        var topics = new SseTopics<Tick>(Options.Create(TopicOptions(o => o.MaxTopics = 1)));
        SseTopic<Tick> held = topics.Get("a");
        topics.Get("b");
        SseTopic<Tick> live = topics.Get("a");
        Assert.NotSame(held, live);
        await using IAsyncEnumerator<SseFrame> reader = live.SubscribeAsync(null, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        ValueTask<bool> next = reader.MoveNextAsync();

        SseFrame frame = await held.PublishAsync(new Tick(1, "x"), TestContext.Current.CancellationToken);

        Assert.True(await next);
        Assert.Same(frame, reader.Current);
    }

    [Fact]
    public async Task EvictedTopic_Subscription_EndsAtOnce()
    {
        var topics = new SseTopics<Tick>(Options.Create(TopicOptions(o => o.MaxTopics = 1)));
        SseTopic<Tick> held = topics.Get("a");
        topics.Get("b");
        SseSubscription<Tick> subscription = held.SubscribeAsync(null, TestContext.Current.CancellationToken);
        await using IAsyncEnumerator<SseFrame> reader = subscription.GetAsyncEnumerator(TestContext.Current.CancellationToken);

        Assert.False(await reader.MoveNextAsync());
        Assert.Equal(SseTopicEndReason.TopicEvicted, subscription.EndReason);
    }

    [Fact]
    public async Task AddSseTopics_WritesJsonWithTheAppsOptions_AndReportsMetrics()
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, TestJsonContext.Default));
        services.AddSseTopics<Tick>(o => { o.EventType = "tick"; o.QueueCapacity = 1; o.RetryMilliseconds = null; });
        await using ServiceProvider provider = services.BuildServiceProvider();
        using var meter = new SseMeterListener(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        SseTopics<Tick> topics = provider.GetRequiredService<SseTopics<Tick>>();
        SseTopic<Tick> topic = topics.Get("ticks");
        await using IAsyncEnumerator<SseFrame> reader = topic.SubscribeAsync(null, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        ValueTask<bool> first = reader.MoveNextAsync();

        SseFrame frame = await topic.PublishAsync(new Tick(1, "a"), TestContext.Current.CancellationToken);
        Assert.True(await first);
        Assert.Equal(1, meter["ssegen.topic.subscribers"]);
        await topic.PublishAsync(new Tick(2, "b"), TestContext.Current.CancellationToken);
        await topic.PublishAsync(new Tick(3, "c"), TestContext.Current.CancellationToken);

        Assert.Equal($"event: tick\nid: {frame.Id}\ndata: {{\"count\":1,\"label\":\"a\"}}\n\n", Text(frame));
        Assert.Equal(3, meter["ssegen.topic.published"]);
        Assert.Equal(1, meter["ssegen.topic.overflows"]);
        Assert.Equal(0, meter["ssegen.topic.subscribers"]);
        Assert.Equal(0, meter["ssegen.topic.queue.depth"]);
        Assert.Equal(1, meter["ssegen.topics"]);
    }
}
