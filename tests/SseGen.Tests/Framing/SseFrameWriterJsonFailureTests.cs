using System.Buffers;
using System.IO.Pipelines;
using System.Net.ServerSentEvents;

namespace SseGen.Tests.Framing;

/// <summary>A converter that throws halfway through a value must leave the writer as clean as before the call.</summary>
public sealed class SseFrameWriterJsonFailureTests
{
    public static TheoryData<string> JsonMethods => ["WriteJsonEvent<T>", "WriteItem<T>", "WriteJsonEvent(object)"];

    [Theory]
    [MemberData(nameof(JsonMethods))]
    public void ConverterThrowsHalfway_TheNextEventIsIntact(string method)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new SseFrameWriter(output);

        Assert.Throws<InvalidOperationException>(() => WriteFailing(writer, method));
        Assert.Equal(0, output.WrittenCount);
        Assert.Equal(0, writer.BytesWritten);

        writer.WriteJsonEvent(new Tick(7, "ok"), TestJsonContext.Default.Tick, eventType: "tick");

        Assert.Equal("event: tick\ndata: {\"Count\":7,\"Label\":\"ok\"}\n\n", System.Text.Encoding.UTF8.GetString(output.WrittenSpan));
        SseItem<string> item = Assert.Single(SseOracle.Parse(output.WrittenSpan));
        Assert.Equal("{\"Count\":7,\"Label\":\"ok\"}", item.Data);
        Assert.Equal("tick", item.EventType);
    }

    [Theory]
    [MemberData(nameof(JsonMethods))]
    public void ConverterThrowsHalfway_NothingReachesThePipe(string method)
    {
        var pipe = new Pipe();
        var writer = new SseFrameWriter(pipe.Writer);

        Assert.Throws<InvalidOperationException>(() => WriteFailing(writer, method));
        Assert.Equal(0, pipe.Writer.UnflushedBytes);

        writer.WriteJsonEvent(new Tick(1, "next"), TestJsonContext.Default.Tick);
        pipe.Writer.Complete();

        using Stream body = pipe.Reader.AsStream();
        SseItem<string> item = Assert.Single(SseParser.Create(body).Enumerate());
        Assert.Equal("{\"Count\":1,\"Label\":\"next\"}", item.Data);
    }

    [Fact]
    public void ConverterThrowsTwice_ThenSucceeds_EachSuccessIsWholeAndAlone()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new SseFrameWriter(output);

        writer.WriteJsonEvent(new Tick(1, "a"), TestJsonContext.Default.Tick);
        Assert.Throws<InvalidOperationException>(() => WriteFailing(writer, "WriteJsonEvent<T>"));
        Assert.Throws<InvalidOperationException>(() => WriteFailing(writer, "WriteItem<T>"));
        writer.WriteJsonEvent(new Tick(2, "b"), TestJsonContext.Default.Tick);

        Assert.Equal(
            ["{\"Count\":1,\"Label\":\"a\"}", "{\"Count\":2,\"Label\":\"b\"}"],
            SseOracle.Parse(output.WrittenSpan).Select(e => e.Data));
        Assert.Equal(output.WrittenCount, writer.BytesWritten);
    }

    private static void WriteFailing(SseFrameWriter writer, string method)
    {
        var value = new HalfWritten("never whole");
        switch (method)
        {
            case "WriteJsonEvent<T>":
                writer.WriteJsonEvent(value, TestJsonContext.Default.HalfWritten, eventType: "half", id: "1");
                break;
            case "WriteItem<T>":
                writer.WriteItem(new SseItem<HalfWritten>(value, "half") { EventId = "1" }, TestJsonContext.Default.HalfWritten);
                break;
            default:
                writer.WriteJsonEvent((object)value, TestJsonContext.Default.HalfWritten, "half");
                break;
        }
    }
}
