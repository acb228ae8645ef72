using System.Buffers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json.Serialization;

namespace SseGen.Tests.Framing;

public sealed class SseFrameWriterTests
{
    private readonly ArrayBufferWriter<byte> _output = new();
    private readonly SseFrameWriter _writer;

    public SseFrameWriterTests() => _writer = new SseFrameWriter(_output);

    private string Written => Encoding.UTF8.GetString(_output.WrittenSpan);

    [Fact]
    public void WriteEvent_AllFields_WritesEventIdRetryDataAndBlankLine()
    {
        _writer.WriteEvent("hello", eventType: "greeting", id: "7", retryMilliseconds: 1500);

        Assert.Equal("event: greeting\nid: 7\nretry: 1500\ndata: hello\n\n", Written);
    }

    [Theory]
    [InlineData("a\nb", "data: a\ndata: b\n\n")]
    [InlineData("a\r\nb", "data: a\ndata: b\n\n")]
    [InlineData("a\rb", "data: a\ndata: b\n\n")]
    [InlineData("a\n\nb", "data: a\ndata: \ndata: b\n\n")]
    [InlineData("a\n", "data: a\ndata: \n\n")]
    public void WriteEvent_LineBreaksInData_EachStartANewDataLine(string data, string expected)
    {
        _writer.WriteEvent(data);

        Assert.Equal(expected, Written);
    }

    [Fact]
    public void WriteEvent_EmptyData_IsStillDeliveredAsOneEvent()
    {
        _writer.WriteEvent("");

        Assert.Equal("data: \n\n", Written);
        SseItem<string> item = Assert.Single(SseOracle.Parse(_output.WrittenSpan));
        Assert.Equal("", item.Data);
    }

    [Fact]
    public void WriteEvent_DataWithLeadingSpace_KeepsTheSpace()
    {
        _writer.WriteEvent("  indented");

        Assert.Equal("  indented", Assert.Single(SseOracle.Parse(_output.WrittenSpan)).Data);
    }

    [Fact]
    public void WriteEvent_Utf8Bytes_SplitLikeStrings()
    {
        _writer.WriteEvent("x\r\ny\rz"u8);

        Assert.Equal("data: x\ndata: y\ndata: z\n\n", Written);
    }

    [Fact]
    public void WriteEvent_InvalidUtf16_BecomesReplacementCharacter()
    {
        _writer.WriteEvent("a\uD800b");

        Assert.Equal("a\uFFFDb", Assert.Single(SseOracle.Parse(_output.WrittenSpan)).Data);
    }

    [Fact]
    public void WriteEvent_DefaultEventType_WritesNoEventField()
    {
        _writer.WriteEvent("x", eventType: "message");
        _writer.WriteEvent("y", eventType: "");

        Assert.Equal("data: x\n\ndata: y\n\n", Written);
    }

    [Fact]
    public void WriteEvent_EmptyId_WritesEmptyIdFieldThatResetsTheClientsId()
    {
        _writer.WriteEvent("x", id: "");

        Assert.Equal("id: \ndata: x\n\n", Written);
    }

    [Theory]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    [InlineData("\r\n")]
    public void WriteEvent_EventTypeWithLineBreak_ThrowsAndWritesNothing(string eventType)
    {
        Assert.Throws<ArgumentException>("eventType", () => _writer.WriteEvent("data", eventType: eventType));
        Assert.Throws<ArgumentException>("eventType", () => _writer.WriteEvent("data"u8, eventType: eventType));
        Assert.Throws<ArgumentException>("eventType", () => _writer.WriteJsonEvent(1, TestJsonContext.Default.Int32, eventType: eventType));

        Assert.Equal(0, _output.WrittenCount);
        Assert.Equal(0, _writer.BytesWritten);
    }

    [Theory]
    [InlineData("1\n2")]
    [InlineData("1\r2")]
    [InlineData("1\02")]
    public void WriteEvent_IdWithLineBreakOrNul_ThrowsAndWritesNothing(string id)
    {
        Assert.Throws<ArgumentException>("id", () => _writer.WriteEvent("data", id: id));
        Assert.Throws<ArgumentException>("id", () => _writer.WriteEvent("data"u8, id: id));
        Assert.Throws<ArgumentException>("id", () => _writer.WriteJsonEvent(1, TestJsonContext.Default.Int32, id: id));

        Assert.Equal(0, _output.WrittenCount);
    }

    [Fact]
    public void WriteEvent_NegativeRetry_ThrowsAndWritesNothing()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _writer.WriteEvent("data", retryMilliseconds: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _writer.WriteRetry(-5));

        Assert.Equal(0, _output.WrittenCount);
    }

    [Fact]
    public void WriteItem_InvalidIdInItem_ThrowsAndWritesNothing()
    {
        Assert.Throws<ArgumentException>(() => _writer.WriteItem(new SseItem<string>("x") { EventId = "a\nb" }));

        Assert.Equal(0, _output.WrittenCount);
    }

    [Fact]
    public void WriteJsonEvent_Record_WritesCompactJsonOnOneDataLine()
    {
        _writer.WriteJsonEvent(new Tick(3, "a\nb"), TestJsonContext.Default.Tick, eventType: "tick");

        Assert.Equal("event: tick\ndata: {\"Count\":3,\"Label\":\"a\\nb\"}\n\n", Written);
    }

    [Fact]
    public void WriteJsonEvent_IndentedOptions_StillWritesCompactJson()
    {
        _writer.WriteJsonEvent(new Tick(1, "x"), IndentedJsonContext.Default.Tick);

        Assert.Equal("data: {\"Count\":1,\"Label\":\"x\"}\n\n", Written);
    }

    [Fact]
    public void WriteJsonEvent_ManyValues_ReusesTheWriterAndKeepsEachEventWhole()
    {
        for (int i = 0; i < 100; i++)
        {
            _writer.WriteJsonEvent(new Tick(i, "t"), TestJsonContext.Default.Tick);
        }

        List<SseItem<string>> items = SseOracle.Parse(_output.WrittenSpan);
        Assert.Equal(100, items.Count);
        Assert.Equal("{\"Count\":99,\"Label\":\"t\"}", items[^1].Data);
    }

    [Fact]
    public void WriteItem_SseItem_WritesItsEventTypeIdAndReconnectionInterval()
    {
        _writer.WriteItem(new SseItem<Tick>(new Tick(1, "x"), "tick") { EventId = "42", ReconnectionInterval = TimeSpan.FromSeconds(2) }, TestJsonContext.Default.Tick);

        Assert.Equal("event: tick\nid: 42\nretry: 2000\ndata: {\"Count\":1,\"Label\":\"x\"}\n\n", Written);
    }

    [Fact]
    public void WriteComment_MultiLineText_WritesEachLineAsComment_AndNoEvent()
    {
        _writer.WriteComment("keep\nalive");
        _writer.WriteComment("");

        Assert.Equal(": keep\n: alive\n\n:\n\n", Written);
        Assert.Empty(SseOracle.Parse(_output.WrittenSpan));
    }

    [Fact]
    public void WriteRetry_WritesRetryFieldOnly_AndNoEvent()
    {
        _writer.WriteRetry(3000);

        Assert.Equal("retry: 3000\n\n", Written);
        Assert.Empty(SseOracle.Parse(_output.WrittenSpan));
    }

    [Fact]
    public void WriteEvent_LargeData_IsWrittenWhole()
    {
        string data = new('x', 1_000_000);

        _writer.WriteEvent(data);

        Assert.Equal(data, Assert.Single(SseOracle.Parse(_output.WrittenSpan)).Data);
        Assert.Equal(_output.WrittenCount, _writer.BytesWritten);
    }
}

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(Tick))]
internal sealed partial class IndentedJsonContext : JsonSerializerContext;
