using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;

namespace SseGen.Tests.AspNetCore;

/// <summary>
/// The monitor registers once on each host's stopping token, not once per stream: a host that stops must still reach
/// each of its streams, and only its own, however the stopping and the stream's registration interleave.
/// </summary>
public sealed class SseStreamMonitorStoppingTests
{
    [Fact]
    public void HostStopping_StopsTheItemsOfEveryStreamOfThatHost_AndNoOtherHostsStreams()
    {
        var monitor = new SseStreamMonitor();
        using var stoppingA = new CancellationTokenSource();
        using var stoppingB = new CancellationTokenSource();
        var ofA = Enumerable.Range(0, 3).Select(_ => Stream(stoppingA.Token)).ToList();
        StoppableState ofB = Stream(stoppingB.Token);
        ofA.ForEach(monitor.Register);
        monitor.Register(ofB);

        stoppingA.Cancel();

        Assert.All(ofA, s => Assert.Equal(1, s.Stops));
        Assert.All(ofA, s => Assert.False(s.ShutdownTimedOut));
        Assert.Equal(0, ofB.Stops);

        stoppingB.Cancel();
        Assert.Equal(1, ofB.Stops);
        ofA.ForEach(monitor.Unregister);
        monitor.Unregister(ofB);
    }

    [Fact]
    public void StreamRegisteredAfterItsHostBeganStopping_IsStoppedAtOnce()
    {
        var monitor = new SseStreamMonitor();
        using var stopping = new CancellationTokenSource();
        monitor.Register(Stream(stopping.Token));
        stopping.Cancel();

        StoppableState late = Stream(stopping.Token);
        monitor.Register(late);

        Assert.Equal(1, late.Stops);
        monitor.Unregister(late);
    }

    [Fact]
    public void StreamUnregisteredBeforeItsHostStops_IsNotStopped()
    {
        var monitor = new SseStreamMonitor();
        using var stopping = new CancellationTokenSource();
        StoppableState ended = Stream(stopping.Token);
        monitor.Register(ended);
        monitor.Unregister(ended);

        stopping.Cancel();

        Assert.Equal(0, ended.Stops);
    }

    private static StoppableState Stream(CancellationToken stopping)
    {
        var state = new StoppableState(new Pipe().Writer);
        state.WatchStopping(stopping, TimeSpan.FromSeconds(30));
        return state;
    }

    private sealed class StoppableState(PipeWriter body)
        : SseStreamState(new DefaultHttpContext(), body, SseMetrics.For(null), StreamTags.None, heartbeatTicks: 0, sendTimeoutTicks: 0)
    {
        private int _stops;

        public int Stops => Volatile.Read(ref _stops);

        protected override void StopItems() => Interlocked.Increment(ref _stops);
    }
}
