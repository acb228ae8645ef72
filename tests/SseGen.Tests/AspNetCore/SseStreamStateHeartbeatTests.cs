using System.Diagnostics;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;

namespace SseGen.Tests.AspNetCore;

/// <summary>
/// The monitor's tick on one stream, driven with made-up timestamps (the tick takes its time as an argument), so the
/// heartbeat's timing is checked exactly, without waiting on a clock: a write seen at a tick is dated at the tick before,
/// the earliest it can have been, so the heartbeat falls due within the interval after the write, never later.
/// </summary>
public sealed class SseStreamStateHeartbeatTests
{
    private const long Resolution = 1_000;
    private const long Interval = 10 * Resolution;

    // ":" and the blank line.
    private const int HeartbeatBytes = 3;

    private readonly SseFrameWriter _frames;
    private readonly SseStreamState _state;
    private readonly long _start;

    public SseStreamStateHeartbeatTests()
    {
        var pipe = new Pipe();
        _state = new SseStreamState(new DefaultHttpContext(), pipe.Writer, SseMetrics.For(null), StreamTags.None, heartbeatTicks: Interval, sendTimeoutTicks: 0);
        _frames = _state.Frames;

        // Made-up times from here on, all after the state's own first reading of the clock.
        _start = Stopwatch.GetTimestamp();
    }

    [Fact]
    public void WriteBetweenTwoTicks_HeartbeatFallsDueAtTheIntervalAfterTheTickBeforeIt()
    {
        Tick(1);
        Tick(2);
        _frames.WriteEvent("x"); // after the tick at 2, before the one at 3
        Tick(3);
        long afterEvent = _frames.BytesWritten;

        // At 11 the write may have been less than the interval ago (it was after 2)...
        for (int tick = 4; tick <= 11; tick++)
        {
            Tick(tick);
            Assert.Equal(afterEvent, _frames.BytesWritten);
        }

        // ...but by 12 it may have been the whole interval ago (it may have been right after 2): a proxy whose idle
        // timeout is the interval would cut the stream at once, so the heartbeat is due now, not a tick later.
        Tick(12);
        Assert.Equal(afterEvent + HeartbeatBytes, _frames.BytesWritten);
    }

    [Fact]
    public void SilentStream_GetsAHeartbeatEveryInterval_DatedAtItsOwnTick()
    {
        Tick(1);
        _frames.WriteEvent("x");
        Tick(2); // dated at 1
        long afterEvent = _frames.BytesWritten;

        Tick(11);
        Assert.Equal(afterEvent + HeartbeatBytes, _frames.BytesWritten);

        // The heartbeat was written at 11 itself, so the next is due at 21.
        Tick(20);
        Assert.Equal(afterEvent + HeartbeatBytes, _frames.BytesWritten);
        Tick(21);
        Assert.Equal(afterEvent + (2 * HeartbeatBytes), _frames.BytesWritten);
    }

    [Fact]
    public void FirstHeartbeat_ComesSoonerByTheStreamsPhase_ThenEveryInterval()
    {
        // Ticks a tenth of a second apart on the real clock's scale, so the moment between the state's own reading of the
        // clock and the first made-up tick is a sliver of one.
        long resolution = Stopwatch.Frequency / 10;
        var pipe = new Pipe();
        var state = new SseStreamState(new DefaultHttpContext(), pipe.Writer, SseMetrics.For(null), StreamTags.None, heartbeatTicks: 10 * resolution, sendTimeoutTicks: 0, heartbeatPhaseTicks: 4 * resolution);
        SseFrameWriter frames = state.Frames;
        long start = Stopwatch.GetTimestamp();

        for (int tick = 1; tick <= 5; tick++)
        {
            state.OnTick(start + (tick * resolution));
            Assert.True(frames.BytesWritten == 0, $"A heartbeat came at tick {tick}, before the phase.");
        }

        // Opened at 0 and dated 4 ticks earlier: due at 6, not at 10.
        state.OnTick(start + (6 * resolution));
        Assert.Equal(HeartbeatBytes, frames.BytesWritten);

        // From then on the phase is the heartbeat's own: the next is a whole interval later.
        state.OnTick(start + (15 * resolution));
        Assert.Equal(HeartbeatBytes, frames.BytesWritten);
        state.OnTick(start + (16 * resolution));
        Assert.Equal(2 * HeartbeatBytes, frames.BytesWritten);
    }

    private void Tick(int number) => _state.OnTick(_start + (number * Resolution));
}
