using static SseGen.Tests.Broadcast.TopicTestKit;

namespace SseGen.Tests.Broadcast;

public sealed class SseTopicFanOutTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(500)]
    public async Task Publish_SerializesOncePerEvent_WhateverTheSubscriberCount(int subscriberCount)
    {
        var converter = new CountingTickConverter();
        var topic = new SseTopic<Tick>("ticks", TopicOptions(o => o.TypeInfo = CountingTypeInfo(converter)));
        var readers = new List<IAsyncEnumerator<SseFrame>>();
        var pending = new List<ValueTask<bool>>();
        for (int i = 0; i < subscriberCount; i++)
        {
            IAsyncEnumerator<SseFrame> reader = topic.SubscribeAsync(null, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
            readers.Add(reader);
            pending.Add(reader.MoveNextAsync());
        }

        Assert.Equal(subscriberCount, topic.SubscriberCount);
        var published = new List<SseFrame>();
        for (int i = 0; i < 7; i++)
        {
            published.Add(await topic.PublishAsync(new Tick(i, "t"), TestContext.Current.CancellationToken));
        }

        Assert.Equal(7, converter.Writes);
        for (int r = 0; r < readers.Count; r++)
        {
            Assert.True(await pending[r]);
            var received = new List<SseFrame> { readers[r].Current };
            received.AddRange(TakeReady(readers[r], out ValueTask<bool> rest));
            // The very frame objects the publisher built: subscribers never serialize again.
            Assert.Equal(published, received, ReferenceEqualityComparer.Instance);
            Assert.False(rest.IsCompleted);
            await readers[r].DisposeAsync();
        }

        Assert.Equal(0, topic.SubscriberCount);
    }

    [Fact]
    public async Task Publish_WriterCallback_RunsOncePerEvent()
    {
        int calls = 0;
        var topic = new SseTopic<Tick>("ticks", TopicOptions(o => o.Writer = (w, value, id) =>
        {
            Interlocked.Increment(ref calls);
            w.WriteEvent(value.Label.AsSpan(), "tick", id);
        }));
        var readers = Enumerable.Range(0, 20).Select(_ => topic.SubscribeAsync(null, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken)).ToList();
        var pending = readers.Select(r => r.MoveNextAsync().AsTask()).ToList();

        SseFrame frame = await topic.PublishAsync(new Tick(1, "hello"), TestContext.Current.CancellationToken);

        Assert.Equal(1, calls);
        Assert.Equal($"event: tick\nid: {frame.Id}\ndata: hello\n\n", Text(frame));
        foreach (Task<bool> next in pending)
        {
            Assert.True(await next);
        }

        Assert.All(readers, r => Assert.Same(frame, r.Current));
    }

    [Fact]
    public async Task Publish_Ids_CountUpFromOne()
    {
        SseTopic<Tick> topic = Topic();
        Assert.EndsWith("-0", topic.LastEventId, StringComparison.Ordinal);

        SseFrame first = await topic.PublishAsync(new Tick(1, "a"), TestContext.Current.CancellationToken);
        SseFrame second = await topic.PublishAsync(new Tick(2, "b"), TestContext.Current.CancellationToken);

        Assert.Equal(1, Sequence(first));
        Assert.Equal(2, Sequence(second));
        Assert.Equal(second.Id, topic.LastEventId);
        Assert.Equal($"id: {first.Id}\ndata: {{\"Count\":1,\"Label\":\"a\"}}\n\n", Text(first));
    }

    [Fact]
    public async Task Publish_WriterThrows_UsesNoId()
    {
        var topic = new SseTopic<Tick>("ticks", TopicOptions(o => o.Writer = (w, value, id) =>
        {
            if (value.Count < 0)
            {
                throw new ArgumentException("negative");
            }

            w.WriteEvent(value.Label.AsSpan(), id: id);
        }));

        await Assert.ThrowsAsync<ArgumentException>(async () => await topic.PublishAsync(new Tick(-1, "x"), TestContext.Current.CancellationToken));
        SseFrame frame = await topic.PublishAsync(new Tick(1, "y"), TestContext.Current.CancellationToken);

        Assert.Equal(1, Sequence(frame));
    }

    [Fact]
    public async Task Subscription_SecondEnumeration_Throws()
    {
        SseSubscription<Tick> subscription = Topic().SubscribeAsync(null, TestContext.Current.CancellationToken);
        await using IAsyncEnumerator<SseFrame> first = subscription.GetAsyncEnumerator(TestContext.Current.CancellationToken);

        Assert.Throws<InvalidOperationException>(() => subscription.GetAsyncEnumerator(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Subscription_Cancelled_LeavesTheTopic()
    {
        SseTopic<Tick> topic = Topic();
        using var cancel = new CancellationTokenSource();
        IAsyncEnumerator<SseFrame> reader = topic.SubscribeAsync(null, cancel.Token).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        ValueTask<bool> next = reader.MoveNextAsync();
        Assert.Equal(1, topic.SubscriberCount);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await next);
        await reader.DisposeAsync();
        Assert.Equal(0, topic.SubscriberCount);
    }

    [Fact]
    public async Task Subscription_NotEnumerated_HoldsNothing()
    {
        SseTopic<Tick> topic = Topic();

        _ = topic.SubscribeAsync(null, TestContext.Current.CancellationToken);
        await topic.PublishAsync(new Tick(1, "a"), TestContext.Current.CancellationToken);

        Assert.Equal(0, topic.SubscriberCount);
    }

    [Fact]
    public async Task Subscription_FirstFrame_IsAJitteredRetry()
    {
        SseTopic<Tick> topic = Topic(o => { o.RetryMilliseconds = 1000; o.RetryJitter = 0.5; });
        var retries = new HashSet<long>();
        for (int i = 0; i < 40; i++)
        {
            await using IAsyncEnumerator<SseFrame> reader = topic.SubscribeAsync(null, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
            SseFrame frame = (await NextReadyAsync(reader))!;
            string text = Text(frame);
            Assert.StartsWith("retry: ", text, StringComparison.Ordinal);
            Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
            long retry = long.Parse(text["retry: ".Length..^2], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(retry, 1000, 1499);
            retries.Add(retry);
        }

        // Forty draws from 500 values: all equal would mean no spread at all.
        Assert.True(retries.Count > 1, "every subscription got the same retry");
    }

    [Fact]
    public async Task Subscription_NoJitter_SendsTheRetryExactly()
    {
        SseTopic<Tick> topic = Topic(o => { o.RetryMilliseconds = 2500; o.RetryJitter = 0; });
        await using IAsyncEnumerator<SseFrame> reader = topic.SubscribeAsync(null, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);

        Assert.Equal("retry: 2500\n\n", Text((await NextReadyAsync(reader))!));
    }

    [Theory]
    [InlineData(0, 1L, 1, 1L)]
    [InlineData(1, 0L, 1, 1L)]
    [InlineData(1, 1L, 0, 1L)]
    [InlineData(1, 1L, 1, 0L)]
    public void Topic_NonPositiveBound_Throws(int historyCapacity, long historyBytes, int queueCapacity, long queueBytes) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Topic(o =>
        {
            o.HistoryCapacity = historyCapacity;
            o.HistoryMaxBytes = historyBytes;
            o.QueueCapacity = queueCapacity;
            o.QueueMaxBytes = queueBytes;
        }));

    [Fact]
    public void Topic_LatestPerKeyWithoutKeySelector_Throws() =>
        Assert.Throws<ArgumentException>(() => Topic(o => o.OverflowPolicy = SseOverflowPolicy.LatestPerKey));

    [Fact]
    public void Topic_WithoutWriterOrContract_Throws() =>
        Assert.Throws<ArgumentException>(() => new SseTopic<Tick>("t", new SseTopicOptions<Tick>()));
}
