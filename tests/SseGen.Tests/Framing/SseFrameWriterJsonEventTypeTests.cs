using System.Buffers;

namespace SseGen.Tests.Framing;

/// <summary>
/// JSON events remember their stream's last <c>event:</c> line by its string: alternating, default and new event types
/// must still each be written and validated as their own.
/// </summary>
public sealed class SseFrameWriterJsonEventTypeTests
{
    [Fact]
    public void AlternatingEventTypes_AreEachWrittenAsTheirOwn()
    {
        string[] eventTypes = ["tick", "tock", "tick", "message", "é😀", "tick", "", "tock"];
        var output = new ArrayBufferWriter<byte>();
        var writer = new SseFrameWriter(output);
        for (int i = 0; i < eventTypes.Length; i++)
        {
            writer.WriteJsonEvent(new Tick(i, "x"), TestJsonContext.Default.Tick, eventTypes[i]);
            writer.WriteJsonEvent(new Tick(i, "y"), TestJsonContext.Default.Tick);
        }

        var parsed = SseOracle.Parse(output.WrittenSpan);

        Assert.Equal(eventTypes.Length * 2, parsed.Count);
        for (int i = 0; i < eventTypes.Length; i++)
        {
            Assert.Equal(eventTypes[i] is "" ? "message" : eventTypes[i], parsed[2 * i].EventType);
            Assert.Equal("message", parsed[(2 * i) + 1].EventType);
        }
    }

    [Fact]
    public void AnInvalidEventType_AfterARememberedOne_IsStillRejectedBeforeAnyByte()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new SseFrameWriter(output);
        writer.WriteJsonEvent(new Tick(1, "x"), TestJsonContext.Default.Tick, "tick");
        int before = output.WrittenCount;

        Assert.Throws<ArgumentException>(() => writer.WriteJsonEvent(new Tick(2, "x"), TestJsonContext.Default.Tick, "tick\ndata: forged"));
        Assert.Equal(before, output.WrittenCount);

        // And the remembered line is still the valid one.
        writer.WriteJsonEvent(new Tick(3, "x"), TestJsonContext.Default.Tick, "tick");
        Assert.All(SseOracle.Parse(output.WrittenSpan), e => Assert.Equal("tick", e.EventType));
    }
}
