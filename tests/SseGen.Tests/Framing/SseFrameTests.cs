using System.Buffers;
using System.Net.ServerSentEvents;
using System.Text;

namespace SseGen.Tests.Framing;

/// <summary>A frame built once carries exactly the bytes a stream's own writer would have written, and nothing else.</summary>
public sealed class SseFrameTests
{
    public static TheoryData<string> Hostile => [.. HostileData.Values];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Create_HoldsTheBytesTheWriterWrites_AndReadsBackAsOneEvent(string data)
    {
        SseFrame frame = SseFrame.Create(data, eventType: "quote", id: "42");

        var direct = new ArrayBufferWriter<byte>();
        new SseFrameWriter(direct).WriteEvent(data.AsSpan(), "quote", "42");
        Assert.True(direct.WrittenSpan.SequenceEqual(frame.Utf8.Span));
        SseItem<string> item = Assert.Single(SseOracle.Parse(frame.Utf8.Span));
        Assert.Equal(HostileData.AsReceived(data), item.Data);
        Assert.Equal("quote", item.EventType);
        Assert.Equal("42", item.EventId);
        Assert.Equal("quote", frame.EventType);
        Assert.Equal("42", frame.Id);
    }

    [Fact]
    public void WriteFrame_WritesTheSameBytesToEveryStream_AndCountsThem()
    {
        SseFrame frame = SseFrame.CreateJson(new Tick(3, "three"), TestJsonContext.Default.Tick, eventType: "tick", id: "7");
        var first = new ArrayBufferWriter<byte>();
        var second = new ArrayBufferWriter<byte>();
        var firstWriter = new SseFrameWriter(first);
        var secondWriter = new SseFrameWriter(second);

        firstWriter.WriteComment("before");
        firstWriter.WriteFrame(frame);
        secondWriter.WriteFrame(frame);

        Assert.Equal("event: tick\nid: 7\ndata: {\"Count\":3,\"Label\":\"three\"}\n\n", Encoding.UTF8.GetString(second.WrittenSpan));
        Assert.Equal(frame.Utf8.Length, secondWriter.BytesWritten);
        Assert.Equal(first.WrittenCount, firstWriter.BytesWritten);
        SseItem<string> item = Assert.Single(SseOracle.Parse(first.WrittenSpan));
        Assert.Equal("{\"Count\":3,\"Label\":\"three\"}", item.Data);
    }

    [Theory]
    [InlineData("bad\nevent", null)]
    [InlineData(null, "bad\rid")]
    [InlineData(null, "nul\0id")]
    public void InvalidField_Throws_AndTheNextFrameIsClean(string? eventType, string? id)
    {
        Assert.Throws<ArgumentException>(() => SseFrame.Create("data", eventType, id));

        SseFrame next = SseFrame.Create("ok");
        Assert.Equal("data: ok\n\n", Encoding.UTF8.GetString(next.Utf8.Span));
    }

    [Fact]
    public void ConverterThrowsHalfway_NothingOfItReachesTheNextFrame()
    {
        Assert.Throws<InvalidOperationException>(() => SseFrame.CreateJson(new HalfWritten("secret"), TestJsonContext.Default.HalfWritten));

        SseFrame next = SseFrame.CreateJson(new Tick(1, "next"), TestJsonContext.Default.Tick);
        Assert.Equal("data: {\"Count\":1,\"Label\":\"next\"}\n\n", Encoding.UTF8.GetString(next.Utf8.Span));
    }

    [Fact]
    public void FromItem_KeepsTheItemsFields()
    {
        SseFrame frame = SseFrame.FromItem(new SseItem<string>("a\nb", "said") { EventId = "9", ReconnectionInterval = TimeSpan.FromMilliseconds(1500) });

        Assert.Equal("event: said\nid: 9\nretry: 1500\ndata: a\ndata: b\n\n", Encoding.UTF8.GetString(frame.Utf8.Span));
        Assert.Equal("9", frame.Id);
    }

    [Fact]
    public void Capture_OfNothing_Throws_SayingSo()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => SseFrame.Capture(0, static (_, _) => { }));
        Assert.Contains("wrote nothing", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullArguments_AreRejected_ByName()
    {
        Assert.Equal("data", Assert.Throws<ArgumentNullException>(() => SseFrame.Create(null!)).ParamName);
        Assert.Equal("typeInfo", Assert.Throws<ArgumentNullException>(() => SseFrame.CreateJson(new Tick(1, "x"), null!)).ParamName);
        Assert.Equal("write", Assert.Throws<ArgumentNullException>(() => SseFrame.Capture<int>(0, null!)).ParamName);
    }

    [Fact]
    public void Capture_InsideAnotherCapture_EachFrameHoldsOnlyItsOwnEvent()
    {
        SseFrame? inner = null;
        SseFrame outer = SseFrame.Capture("outer", (writer, text) =>
        {
            writer.WriteEvent(text.AsSpan(), "first");
            inner = SseFrame.Create("inner");
            writer.WriteEvent(text.AsSpan(), "second");
        });

        Assert.Equal("data: inner\n\n", Encoding.UTF8.GetString(inner!.Utf8.Span));
        Assert.Equal(["first", "second"], SseOracle.Parse(outer.Utf8.Span).Select(i => i.EventType));
    }
}
