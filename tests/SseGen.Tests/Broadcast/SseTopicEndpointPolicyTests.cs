using static SseGen.Tests.Broadcast.TopicTestKit;

namespace SseGen.Tests.Broadcast;

/// <summary>An endpoint chooses its subscribers' overflow policy; the topic's is the default.</summary>
public sealed class SseTopicEndpointPolicyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubscriptionsOfOneTopic_OverflowEachUnderItsEndpointsPolicy()
    {
        SseTopic<Tick> topic = Topic(o =>
        {
            o.QueueCapacity = 2;
            o.KeySelector = tick => tick.Label;
        });
        SseSubscription<Tick> ends = topic.SubscribeAsync(null, Ct);
        SseSubscription<Tick> disconnects = topic.SubscribeAsync(null, SseOverflowPolicy.Disconnect, Ct);
        SseSubscription<Tick> keepsLatest = topic.SubscribeAsync(null, SseOverflowPolicy.LatestPerKey, Ct);
        var connection = new AbortCountingContext();
        ((IAbortableItems)disconnects).Connection = connection.Context;
        await using IAsyncEnumerator<SseFrame> endsReader = ends.GetAsyncEnumerator(Ct);
        await using IAsyncEnumerator<SseFrame> disconnectsReader = disconnects.GetAsyncEnumerator(Ct);
        await using IAsyncEnumerator<SseFrame> latestReader = keepsLatest.GetAsyncEnumerator(Ct);

        // Nobody reads: two keys, published over and over, overflow every queue of two.
        for (int i = 0; i < 10; i++)
        {
            await topic.PublishAsync(new Tick(i, i % 2 == 0 ? "even" : "odd"), Ct);
        }

        Assert.Equal(SseTopicEndReason.EndedSlow, ends.EndReason);
        Assert.Equal(SseTopicEndReason.Disconnected, disconnects.EndReason);
        Assert.Equal(1, connection.Aborts);
        Assert.Equal(SseTopicEndReason.None, keepsLatest.EndReason);
        Assert.Equal([9L, 10L], TakeReady(latestReader, out _).Select(Sequence));
        Assert.Equal(1, topic.SubscriberCount);
    }

    [Fact]
    public void LatestPerKeyForOneEndpoint_WithoutAKeySelector_Throws()
    {
        SseTopic<Tick> topic = Topic();

        Assert.Throws<ArgumentException>(() => topic.SubscribeAsync(null, SseOverflowPolicy.LatestPerKey, Ct));
        Assert.Throws<ArgumentOutOfRangeException>(() => topic.SubscribeAsync(null, (SseOverflowPolicy)42, Ct));
    }

    [Fact]
    public async Task TopicsOwnLatestPerKey_StillNeedsNoEndpointChoice()
    {
        SseTopic<Tick> topic = Topic(o =>
        {
            o.QueueCapacity = 1;
            o.OverflowPolicy = SseOverflowPolicy.LatestPerKey;
            o.KeySelector = tick => tick.Label;
        });
        SseSubscription<Tick> subscription = topic.SubscribeAsync(null, Ct);
        await using IAsyncEnumerator<SseFrame> reader = subscription.GetAsyncEnumerator(Ct);

        for (int i = 0; i < 5; i++)
        {
            await topic.PublishAsync(new Tick(i, "same"), Ct);
        }

        Assert.Equal(SseTopicEndReason.None, subscription.EndReason);
        Assert.Equal([5L], TakeReady(reader, out _).Select(Sequence));
    }
}
