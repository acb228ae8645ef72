using static SseGen.Tests.Broadcast.TopicTestKit;

namespace SseGen.Tests.Broadcast;

/// <summary>The races between a reader starting to wait and what ends the wait: none may leave the move pending.</summary>
public sealed class SseTopicWaitTests
{
    private const int Rounds = 300;

    // Only a guard against a lost wake-up hanging the run; no move takes near this long.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PublishRacingTheWait_IsAlwaysDelivered()
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        SseTopic<Tick> topic = Topic();
        await using IAsyncEnumerator<SseFrame> reader = topic.SubscribeAsync(null, token).GetAsyncEnumerator(token);
        for (int i = 0; i < Rounds; i++)
        {
            Task<SseFrame> publish = Task.Run(async () => await topic.PublishAsync(new Tick(i, "r"), token), token);
            Assert.True(await reader.MoveNextAsync().AsTask().WaitAsync(Hang, token));
            Assert.Same(await publish, reader.Current);
        }
    }

    [Fact]
    public async Task CancelRacingTheWait_AlwaysEndsTheMove()
    {
        SseTopic<Tick> topic = Topic();
        for (int i = 0; i < Rounds; i++)
        {
            using var cancel = new CancellationTokenSource();
            IAsyncEnumerator<SseFrame> reader = topic.SubscribeAsync(null, cancel.Token).GetAsyncEnumerator(TestContext.Current.CancellationToken);
            Task cancelling = Task.Run(cancel.Cancel, TestContext.Current.CancellationToken);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.MoveNextAsync().AsTask().WaitAsync(Hang, TestContext.Current.CancellationToken));
            await cancelling;
            await reader.DisposeAsync();
        }

        Assert.Equal(0, topic.SubscriberCount);
    }

    [Fact]
    public async Task DisposeRacingTheWait_EndsTheMoveWithoutAnEvent()
    {
        SseTopic<Tick> topic = Topic();
        for (int i = 0; i < Rounds; i++)
        {
            IAsyncEnumerator<SseFrame> reader = topic.SubscribeAsync(null, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
            ValueTask<bool> next = reader.MoveNextAsync();
            Task disposing = Task.Run(async () => await reader.DisposeAsync(), TestContext.Current.CancellationToken);
            Assert.False(await next.AsTask().WaitAsync(Hang, TestContext.Current.CancellationToken));
            await disposing;
        }

        Assert.Equal(0, topic.SubscriberCount);
    }

    [Fact]
    public async Task WaitingAgainAfterEachEvent_DeliversEveryEventOnce()
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        SseTopic<Tick> topic = Topic();
        await using IAsyncEnumerator<SseFrame> reader = topic.SubscribeAsync(null, token).GetAsyncEnumerator(token);
        var received = new List<long>();
        Task reading = Task.Run(async () =>
        {
            while (received.Count < Rounds && await reader.MoveNextAsync())
            {
                received.Add(Sequence(reader.Current));
            }
        }, token);

        for (int i = 0; i < Rounds; i++)
        {
            await topic.PublishAsync(new Tick(i, "w"), token);
        }

        await reading.WaitAsync(Hang, token);
        Assert.Equal(Enumerable.Range(1, Rounds).Select(n => (long)n), received);
    }
}
