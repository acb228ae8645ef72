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

        using var started = new CountdownEvent(2);
        Task[] ticks = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(
            () =>
            {
                started.Signal();
                while (!done.IsCancellationRequested)
                {
                    if (stream.Gate.TryEnter())
                    {
                        Hold();
                        Interlocked.Increment(ref heartbeats);
                        stream.Gate.Exit();
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        Assert.True(started.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken), "the heartbeat threads did not start");

        // Bounded: at least 20,000 steps, and on until the heartbeats have taken the gate often enough to contend for
        // it (a loaded machine may starve their threads for a while), for at most 20 s.
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        for (int step = 0; step < 20_000 || (Volatile.Read(ref heartbeats) < 1_000 && deadline.Elapsed < TimeSpan.FromSeconds(20)); step++)
        {
            await stream.Gate.EnterAsync(CancellationToken.None);
            Hold();
            stream.Gate.Exit();
            if (step % 1_000 == 0)
            {
                // Let the heartbeat threads run on a machine with fewer cores than threads.
                await Task.Yield();
            }
        }

        done.Cancel();
        await Task.WhenAll(ticks).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(0, overlaps);
        Assert.True(heartbeats >= 1_000, $"the heartbeats took the gate {heartbeats} times");
        Assert.True(stream.Gate.TryEnter(), "the gate was left held");
    }

    private sealed class Holder
    {
        // A field, so the struct is changed in place, as in the stream's state.
        public StreamGate Gate;
    }
}
