using System.Diagnostics;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;

namespace SseGen.Tests.AspNetCore;

/// <summary>The monitor's tick runs ten times a second over every open stream, so it must not allocate per stream.</summary>
public sealed class SseStreamMonitorAllocationTests
{
    [Fact]
    public void Tick_OverAThousandIdleStreams_AllocatesNothingPerStream()
    {
        const int Streams = 1000;
        const int Ticks = 20;
        var monitor = new SseStreamMonitor();
        var states = new List<SseStreamState>(Streams);
        for (int i = 0; i < Streams; i++)
        {
            var pipe = new Pipe();
            var state = new SseStreamState(new DefaultHttpContext(), pipe.Writer, SseMetrics.For(null), StreamTags.None, heartbeatTicks: 0, sendTimeoutTicks: 0);
            states.Add(state);
            monitor.Register(state);
        }

        long now = Stopwatch.GetTimestamp();
        monitor.Tick(now);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i <= Ticks; i++)
        {
            monitor.Tick(now + i);
        }

        long perTick = (GC.GetAllocatedBytesForCurrentThread() - before) / Ticks;
        foreach (SseStreamState state in states)
        {
            monitor.Unregister(state);
        }

        // A copy of the keys would be 8 KB a tick here; the dictionary's own enumerator is one small object.
        Assert.True(perTick < 256, $"A tick over {Streams} streams allocated {perTick} B.");
    }
}
