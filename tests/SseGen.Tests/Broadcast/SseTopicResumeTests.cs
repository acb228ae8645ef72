using static SseGen.Tests.Broadcast.TopicTestKit;

namespace SseGen.Tests.Broadcast;

public sealed class SseTopicResumeTests
{
    [Fact]
    public async Task Resume_FromEveryId_ReplaysExactlyTheMissedEvents_ThenLive()
    {
        SseTopic<Tick> topic = Topic();
        var published = new List<SseFrame>();
        string beforeAny = topic.LastEventId;
        for (int i = 0; i < 12; i++)
        {
            published.Add(await topic.PublishAsync(new Tick(i, "e"), TestContext.Current.CancellationToken));
        }

        // Every id the topic ever gave, and the one before the first event; each resume also sees one live event.
        var ids = new List<string> { beforeAny };
        ids.AddRange(published.Select(f => f.Id!));
        for (int n = 0; n < ids.Count && n < 30; n++)
        {
            string lastEventId = ids[n];
            long after = lastEventId == beforeAny ? 0 : Sequence(published.First(f => f.Id == lastEventId));
            await using IAsyncEnumerator<SseFrame> reader = topic.SubscribeAsync(lastEventId, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
            List<SseFrame> replayed = TakeReady(reader, out ValueTask<bool> pending);

            Assert.Equal(published.Where(f => Sequence(f) > after), replayed, ReferenceEqualityComparer.Instance);

            SseFrame live = await topic.PublishAsync(new Tick(99, "live"), TestContext.Current.CancellationToken);
            published.Add(live);
            ids.Add(live.Id!);
            Assert.True(await pending);
            Assert.Same(live, reader.Current);
            Assert.Empty(TakeReady(reader, out pending));
        }
    }

    [Fact]
    public async Task Resume_WithoutId_GetsOnlyLiveEvents()
    {
        SseTopic<Tick> topic = Topic();
        await topic.PublishAsync(new Tick(1, "old"), TestContext.Current.CancellationToken);
        await using IAsyncEnumerator<SseFrame> reader = topic.SubscribeAsync(null, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);

        Assert.Empty(TakeReady(reader, out _));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("00000000-1")]
    public async Task Resume_FromAnIdOfAnotherHistory_GetsHistoryLost(string lastEventId)
    {
        SseTopic<Tick> topic = Topic();
        for (int i = 0; i < 3; i++)
        {
            await topic.PublishAsync(new Tick(i, "e"), TestContext.Current.CancellationToken);
        }

        await AssertHistoryLostAsync(topic, lastEventId);
    }

    [Fact]
    public async Task Resume_FromAnIdAheadOfTheTopic_GetsHistoryLost()
    {
        SseTopic<Tick> topic = Topic();
        SseFrame frame = await topic.PublishAsync(new Tick(1, "e"), TestContext.Current.CancellationToken);

        await AssertHistoryLostAsync(topic, frame.Id![..(frame.Id!.IndexOf('-') + 1)] + "5");
    }

    [Fact]
    public async Task Resume_FromAnIdOlderThanTheHistory_GetsHistoryLost()
    {
        SseTopic<Tick> topic = Topic(o => o.HistoryCapacity = 4);
        var published = new List<SseFrame>();
        for (int i = 0; i < 10; i++)
        {
            published.Add(await topic.PublishAsync(new Tick(i, "e"), TestContext.Current.CancellationToken));
        }

        // Events 7 to 10 are held: resuming after 6 is whole, after 5 would have a hole.
        await using (IAsyncEnumerator<SseFrame> reader = topic.SubscribeAsync(published[5].Id, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken))
        {
            Assert.Equal(published[6..], TakeReady(reader, out _), ReferenceEqualityComparer.Instance);
        }

        await AssertHistoryLostAsync(topic, published[4].Id!);
    }

    [Fact]
    public async Task Resume_BeyondTheReplayCountCap_GetsHistoryLost()
    {
        SseTopic<Tick> topic = Topic(o => o.MaxResumeEvents = 3);
        var published = new List<SseFrame>();
        for (int i = 0; i < 8; i++)
        {
            published.Add(await topic.PublishAsync(new Tick(i, "e"), TestContext.Current.CancellationToken));
        }

        await using (IAsyncEnumerator<SseFrame> reader = topic.SubscribeAsync(published[4].Id, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken))
        {
            Assert.Equal(3, TakeReady(reader, out _).Count);
        }

        await AssertHistoryLostAsync(topic, published[3].Id!);
    }

    [Fact]
    public async Task Resume_BeyondTheReplayByteCap_GetsHistoryLost()
    {
        SseTopic<Tick> topic = Topic();
        SseFrame first = await topic.PublishAsync(new Tick(0, "e"), TestContext.Current.CancellationToken);
        int size = first.Utf8.Length;
        topic = Topic(o => o.MaxResumeBytes = (size * 2) + 1);
        var published = new List<SseFrame>();
        for (int i = 0; i < 4; i++)
        {
            published.Add(await topic.PublishAsync(new Tick(i, "e"), TestContext.Current.CancellationToken));
        }

        await using (IAsyncEnumerator<SseFrame> reader = topic.SubscribeAsync(published[1].Id, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken))
        {
            Assert.Equal(2, TakeReady(reader, out _).Count);
        }

        await AssertHistoryLostAsync(topic, published[0].Id!);
    }

    [Fact]
    public async Task Resume_AfterHistoryLost_ContinuesFromItsId()
    {
        SseTopic<Tick> topic = Topic(o => o.HistoryCapacity = 2);
        for (int i = 0; i < 5; i++)
        {
            await topic.PublishAsync(new Tick(i, "e"), TestContext.Current.CancellationToken);
        }

        string lostId;
        await using (IAsyncEnumerator<SseFrame> reader = topic.SubscribeAsync("stale", TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken))
        {
            lostId = (await NextReadyAsync(reader))!.Id!;
        }

        SseFrame next = await topic.PublishAsync(new Tick(9, "after"), TestContext.Current.CancellationToken);
        await using IAsyncEnumerator<SseFrame> again = topic.SubscribeAsync(lostId, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);

        Assert.Equal([next], TakeReady(again, out _), ReferenceEqualityComparer.Instance);
    }

    private static async Task AssertHistoryLostAsync(SseTopic<Tick> topic, string lastEventId)
    {
        await using IAsyncEnumerator<SseFrame> reader = topic.SubscribeAsync(lastEventId, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        List<SseFrame> frames = TakeReady(reader, out ValueTask<bool> pending);

        SseFrame lost = Assert.Single(frames);
        Assert.Equal(ISseReplayStore.HistoryLostEventType, lost.EventType);
        Assert.Equal(topic.LastEventId, lost.Id);

        // Then live, from now.
        SseFrame live = await topic.PublishAsync(new Tick(100, "live"), TestContext.Current.CancellationToken);
        Assert.True(await pending);
        Assert.Same(live, reader.Current);
    }
}
