using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static SseGen.Tests.Broadcast.TopicTestKit;

namespace SseGen.Tests.Broadcast;

/// <summary>The live ring every subscriber of a topic reads at its own place, and the subscribers that read it.</summary>
public sealed class TopicLiveRingTests
{
    [Fact]
    public void Append_NumbersEntriesAndCountsTheBytesBeforeEach()
    {
        var ring = new TopicLiveRing(capacity: 8);
        TopicEntry first = Entry("a"), second = Entry("bcd");

        ring.Append(first, oldestNeeded: 1);
        ring.Append(second, oldestNeeded: 1);

        Assert.Equal(2, ring.Head);
        Assert.Equal((1, 0), (first.LiveSequence, first.LiveBytesBefore));
        Assert.Equal((2, (long)first.Length), (second.LiveSequence, second.LiveBytesBefore));
        Assert.Equal(first.Length + second.Length, ring.BytesThrough);
        Assert.Same(first, ring.At(1));
        Assert.Same(second, ring.At(2));
        Assert.Null(ring.At(3));
    }

    [Fact]
    public void Grows_WhileTheOldestNeededEntryWouldBeOverwritten_AndKeepsWhatItHeld()
    {
        var ring = new TopicLiveRing(capacity: 100);
        var entries = new List<TopicEntry>();
        for (int i = 0; i < 90; i++)
        {
            entries.Add(Entry("e" + i));
            ring.Append(entries[^1], oldestNeeded: 1);
        }

        for (int i = 0; i < 90; i++)
        {
            Assert.Same(entries[i], ring.At(i + 1));
        }
    }

    [Fact]
    public void NeverGrowsPastOneSlotMoreThanTheCapacity_SoOldEntriesAreOverwritten()
    {
        // Capacity 3: four slots. A reader at most three behind still finds its entries; the fifth overwrites the first.
        var ring = new TopicLiveRing(capacity: 3);
        for (long sequence = 1; sequence <= 5; sequence++)
        {
            ring.Append(Entry("e"), oldestNeeded: Math.Max(1, sequence - 3));
        }

        Assert.Null(ring.At(1));
        Assert.All([2L, 3L, 4L, 5L], s => Assert.Equal(s, ring.At(s)!.LiveSequence));
    }

    [Fact]
    public void Release_DropsEntriesBeforeTheOldestNeeded_Only()
    {
        var ring = new TopicLiveRing(capacity: 8);
        for (int i = 0; i < 5; i++)
        {
            ring.Append(Entry("e"), oldestNeeded: 1);
        }

        ring.Release(oldestNeeded: 4);

        Assert.Null(ring.At(1));
        Assert.Null(ring.At(3));
        Assert.NotNull(ring.At(4));
        Assert.NotNull(ring.At(5));
    }

    [Fact]
    public async Task Topic_HoldsNoFrameEverySubscriberHasPassed()
    {
        // One event of history, so what holds an older frame can only be the live ring.
        SseTopic<Tick> topic = Topic(o => o.HistoryCapacity = 1);
        await using IAsyncEnumerator<SseFrame> reader = topic.SubscribeAsync(null, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        WeakReference first = await PublishAndTakeAsync(topic, reader, 1);
        await PublishAndTakeAsync(topic, reader, 2);
        await PublishAndTakeAsync(topic, reader, 3);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(first.IsAlive, "The first frame is still held after every subscriber passed it.");
    }

    [Fact]
    public async Task WaitingReader_HoldsNotTheFrameItHandedOutLast()
    {
        // A fresh subscriber's first frame is its own jittered retry:, held by nothing else: once the reader waits for
        // the next, an idle stream must not keep it.
        SseTopic<Tick> topic = Topic(o => o.RetryMilliseconds = 1000);
        await using IAsyncEnumerator<SseFrame> reader = topic.SubscribeAsync(null, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        WeakReference retry = await TakeRetryFrameAsync(reader);
        ValueTask<bool> waiting = reader.MoveNextAsync();
        Assert.False(waiting.IsCompleted);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(retry.IsAlive, "The waiting reader still holds the retry: frame it handed out.");
        SseFrame published = await topic.PublishAsync(new Tick(1, "e"), TestContext.Current.CancellationToken);
        Assert.True(await waiting);
        Assert.Same(published, reader.Current);
    }

    [Fact]
    public async Task SubscriberFarBehind_ReadsEveryEventInOrder_AcrossTheRingsGrowth()
    {
        SseTopic<Tick> topic = Topic(o => o.QueueCapacity = 100);
        SseSubscription<Tick> subscription = topic.SubscribeAsync(null, TestContext.Current.CancellationToken);
        await using IAsyncEnumerator<SseFrame> reader = subscription.GetAsyncEnumerator(TestContext.Current.CancellationToken);
        long bytes = 0;
        for (int i = 1; i <= 90; i++)
        {
            bytes += (await topic.PublishAsync(new Tick(i, "e"), TestContext.Current.CancellationToken)).Utf8.Length;
        }

        Assert.Equal(90, subscription.QueuedCount);
        Assert.Equal(bytes, subscription.QueuedBytes);
        List<SseFrame> frames = TakeReady(reader, out _);
        Assert.Equal(Enumerable.Range(1, 90), frames.Select(f => (int)Sequence(f)));
        Assert.Equal(0, subscription.QueuedCount);
        Assert.Equal(SseTopicEndReason.None, subscription.EndReason);
    }

    [Fact]
    public async Task QueueDepthGauge_IsTheSumOfTheSubscribersBacklogs_AndZeroOnceTheyLeave()
    {
        await using ServiceProvider provider = new ServiceCollection()
            .AddMetrics()
            .AddSseTopics<Tick>(o => { o.TypeInfo = TestJsonContext.Default.Tick; o.RetryMilliseconds = null; })
            .BuildServiceProvider();
        using var meter = new SseMeterListener(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        SseTopic<Tick> topic = provider.GetRequiredService<SseTopics<Tick>>().Get("depth");
        IAsyncEnumerator<SseFrame> idle = topic.SubscribeAsync(null, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        IAsyncEnumerator<SseFrame> reading = topic.SubscribeAsync(null, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        for (int i = 0; i < 3; i++)
        {
            await topic.PublishAsync(new Tick(i, "e"), TestContext.Current.CancellationToken);
        }

        Assert.Equal(6, meter["ssegen.topic.queue.depth"]);
        Assert.Equal(3, TakeReady(reading, out _).Count);
        Assert.Equal(3, meter["ssegen.topic.queue.depth"]);

        await idle.DisposeAsync();
        await reading.DisposeAsync();
        Assert.Equal(0, meter["ssegen.topic.queue.depth"]);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> TakeRetryFrameAsync(IAsyncEnumerator<SseFrame> reader)
    {
        Assert.True(await reader.MoveNextAsync());
        Assert.StartsWith("retry: ", System.Text.Encoding.UTF8.GetString(reader.Current.Utf8.Span), StringComparison.Ordinal);
        return new WeakReference(reader.Current);
    }

    private static async Task<WeakReference> PublishAndTakeAsync(SseTopic<Tick> topic, IAsyncEnumerator<SseFrame> reader, int count)
    {
        ValueTask<bool> next = reader.MoveNextAsync();
        SseFrame published = await topic.PublishAsync(new Tick(count, "e"), TestContext.Current.CancellationToken);
        Assert.True(await next);
        Assert.Same(published, reader.Current);
        return new WeakReference(published);
    }

    private static TopicEntry Entry(string data) =>
        new(0, SseFrame.Create(data, eventType: null, id: null), key: null, Stopwatch.GetTimestamp());
}
