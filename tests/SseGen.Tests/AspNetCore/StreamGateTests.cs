namespace SseGen.Tests.AspNetCore;

/// <summary>The stream's write gate: one holder at a time, a released gate handed to its waiter, never to a heartbeat slipping in.</summary>
public sealed class StreamGateTests
{
    [Fact]
    public void AHeldGate_CannotBeTaken_UntilReleased()
    {
        var stream = new Holder();
        Assert.True(stream.Gate.TryEnter());
        Assert.False(stream.Gate.TryEnter());

        stream.Gate.Exit();
        Assert.True(stream.Gate.TryEnter());
    }

    [Fact]
    public async Task TheWaiter_GetsTheGateWhenItsHolderReleasesIt_AndAHeartbeatCannotTakeItBetween()
    {
        var stream = new Holder();
        Assert.True(stream.Gate.TryEnter());
        ValueTask waiting = stream.Gate.EnterAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        stream.Gate.Exit();
        Assert.False(stream.Gate.TryEnter());
        await waiting.AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        stream.Gate.Exit();
        Assert.True(stream.Gate.TryEnter());
    }

    [Fact]
    public void AFreeGate_IsTakenAtOnce_AndACancelledTokenFailsBeforeTakingIt()
    {
        var stream = new Holder();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.True(stream.Gate.EnterAsync(cancelled.Token).IsCanceled);
        Assert.True(stream.Gate.EnterAsync(CancellationToken.None).IsCompletedSuccessfully);
        Assert.False(stream.Gate.TryEnter());
    }

    [Fact]
    public void ReleasingAFreeGate_Throws()
    {
        var stream = new Holder();
        Assert.Throws<InvalidOperationException>(() => stream.Gate.Exit());
    }

    [Fact]
    public async Task OneLoopAndManyHeartbeats_NeverHoldItTogether()
    {
        var stream = new Holder();
        int holders = 0;
        int overlaps = 0;
        int heartbeats = 0;
        using var done = new CancellationTokenSource();

        void Hold()
        {
            if (Interlocked.Increment(ref holders) != 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            Thread.SpinWait(50);
            Interlocked.Decrement(ref holders);
        }

        Task[] ticks = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                if (stream.Gate.TryEnter())
                {
                    Hold();
                    Interlocked.Increment(ref heartbeats);
                    stream.Gate.Exit();
                }
            }
        })).ToArray();

        for (int step = 0; step < 20_000; step++)
        {
            await stream.Gate.EnterAsync(CancellationToken.None);
            Hold();
            stream.Gate.Exit();
        }

        done.Cancel();
        await Task.WhenAll(ticks).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(0, overlaps);
        Assert.True(heartbeats > 0, "the heartbeats never took the gate");
        Assert.True(stream.Gate.TryEnter(), "the gate was left held");
    }

    private sealed class Holder
    {
        // A field, so the struct is changed in place, as in the stream's state.
        public StreamGate Gate;
    }
}
