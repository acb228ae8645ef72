using static SseGen.Tests.Broadcast.TopicTestKit;

namespace SseGen.Tests.Broadcast;

// Alone, so other tests' allocations do not land in the process-wide count.
[CollectionDefinition(nameof(SerialAllocation), DisableParallelization = true)]
public sealed class SerialAllocation;

[Collection(nameof(SerialAllocation))]
public sealed class SseTopicAllocationTests
{
    private const int Deliveries = 10_000;
    private const int Attempts = 5;

    [Fact]
    public async Task Delivery_ToASubscriberThatWaits_AllocatesNoMoreThanToOneThatIsReady()
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        SseTopic<Tick> topic = Topic(o => o.HistoryCapacity = 16);
        await using IAsyncEnumerator<SseFrame> reader = topic.SubscribeAsync(null, token).GetAsyncEnumerator(token);
        var tick = new Tick(1, "t");

        // Warm up: the history is full (no more growth), pools and tiered code are settled.
        await DeliverToReadyAsync(topic, reader, tick, 2_000);
        await DeliverToWaitingAsync(topic, reader, tick, 2_000);

        // Both runs publish the same events; only the wait differs. The least of a few attempts of each is what the
        // code allocates, whatever else the process (runner, timers) allocated meanwhile.
        long ready = long.MaxValue;
        long waiting = long.MaxValue;
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            ready = Math.Min(ready, await AllocatedAsync(() => DeliverToReadyAsync(topic, reader, tick, Deliveries)));
            waiting = Math.Min(waiting, await AllocatedAsync(() => DeliverToWaitingAsync(topic, reader, tick, Deliveries)));
        }

        double perWait = (double)(waiting - ready) / Deliveries;
        Assert.True(perWait < 8, $"A wait for an event allocated {perWait:F1} B on average ({waiting} B waiting, {ready} B ready, {Deliveries} events).");
    }

    private static async Task<long> AllocatedAsync(Func<Task> run)
    {
        long before = GC.GetTotalAllocatedBytes(precise: true);
        await run().ConfigureAwait(false);
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    // The event is queued before the move: it is taken without a wait.
    private static async Task DeliverToReadyAsync(SseTopic<Tick> topic, IAsyncEnumerator<SseFrame> reader, Tick tick, int count)
    {
        for (int i = 0; i < count; i++)
        {
            SseFrame published = await topic.PublishAsync(tick).ConfigureAwait(false);
            ValueTask<bool> next = reader.MoveNextAsync();
            Assert.True(next.IsCompleted);
            Assert.True(await next.ConfigureAwait(false));
            Assert.Same(published, reader.Current);
        }
    }

    // The move comes first and waits; the publish wakes it.
    private static async Task DeliverToWaitingAsync(SseTopic<Tick> topic, IAsyncEnumerator<SseFrame> reader, Tick tick, int count)
    {
        for (int i = 0; i < count; i++)
        {
            ValueTask<bool> next = reader.MoveNextAsync();
            Assert.False(next.IsCompleted);
            SseFrame published = await topic.PublishAsync(tick).ConfigureAwait(false);
            Assert.True(await next.ConfigureAwait(false));
            Assert.Same(published, reader.Current);
        }
    }
}
