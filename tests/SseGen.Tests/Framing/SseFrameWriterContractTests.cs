using System.Buffers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SseGen.Tests.Framing;

/// <summary>
/// What <see cref="SseFrameWriter"/> promises beyond the common case: any <see cref="IBufferWriter{T}"/> that honours its
/// contract, event types and ids too long for one span, the rules for the fields themselves, and the JSON options of each event.
/// </summary>
public sealed class SseFrameWriterContractTests
{
    private const string EventType = "é😀tick";
    private const string Id = "日本-7";

    public static TheoryData<string> Hostile => [.. HostileData.Values];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void ExactSizeBuffers_EveryOverload_WritesEachEventWhole(string data)
    {
        var output = new ExactSizeBufferWriter();
        var writer = new SseFrameWriter(output);

        writer.WriteEvent(data, EventType, Id, retryMilliseconds: 1234);
        writer.WriteEvent(Encoding.UTF8.GetBytes(data), EventType, Id, retryMilliseconds: 1234);
        writer.WriteJsonEvent(new Tick(1, data), TestJsonContext.Default.Tick, EventType, Id, retryMilliseconds: 1234);
        writer.WriteComment(data);
        writer.WriteRetry(1234);

        List<SseItem<string>> items = SseOracle.Parse(output.WrittenSpan);
        Assert.Equal(3, items.Count);
        Assert.All(items, item =>
        {
            Assert.Equal(EventType, item.EventType);
            Assert.Equal(Id, item.EventId);
            Assert.Equal(TimeSpan.FromMilliseconds(1234), item.ReconnectionInterval);
        });
        Assert.Equal(HostileData.AsReceived(data), items[0].Data);
        Assert.Equal(HostileData.AsReceived(data), items[1].Data);
        Assert.Equal(JsonSerializer.Serialize(new Tick(1, data), TestJsonContext.Default.Tick), items[2].Data);
        Assert.Equal(output.WrittenSpan.Length, writer.BytesWritten);
        Assert.DoesNotContain((byte)0xFF, output.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void HugeEventTypeAndId_AreWrittenWhole_BeforeTheRetryAndData(bool exactSizeBuffers)
    {
        // Each is past the one-span bound on its own (3 bytes per char), so the fields are written piece by piece.
        string eventType = new('é', 6_000);
        string id = new('i', 6_000);
        string fields = $"event: {eventType}\nid: {id}\nretry: 42\n";

        Assert.Equal(fields + "data: x\n\n", Write(w => w.WriteEvent("x", eventType, id, 42), exactSizeBuffers));
        Assert.Equal(fields + "data: x\n\n", Write(w => w.WriteEvent("x"u8, eventType, id, 42), exactSizeBuffers));
        Assert.Equal(fields + "data: 5\n\n", Write(w => w.WriteJsonEvent(5, TestJsonContext.Default.Int32, eventType, id, 42), exactSizeBuffers));
    }

    [Theory]
    [InlineData("message")]
    [InlineData("")]
    [InlineData(null)]
    public void HugeId_WithTheDefaultEventType_WritesNoEventField(string? eventType)
    {
        string id = new('i', 6_000);

        string written = Write(w => w.WriteEvent("x", eventType, id), exactSizeBuffers: true);

        Assert.Equal($"id: {id}\ndata: x\n\n", written);
    }

    [Fact]
    public void HugeEventType_WithoutIdOrRetry_WritesOnlyTheEventField()
    {
        string eventType = new('e', 20_000);

        string written = Write(w => w.WriteEvent("x"u8, eventType), exactSizeBuffers: true);

        Assert.Equal($"event: {eventType}\ndata: x\n\n", written);
    }

    [Fact]
    public void EventTypeOtherThanMessage_DiffersOnlyInCase_IsWritten()
    {
        string written = Write(w => w.WriteEvent("x", eventType: "Message"), exactSizeBuffers: true);

        Assert.Equal("event: Message\ndata: x\n\n", written);
    }

    [Fact]
    public void ZeroRetry_IsAValidReconnectionTime()
    {
        string written = Write(
            w =>
            {
                w.WriteEvent("x", retryMilliseconds: 0);
                w.WriteRetry(0);
            },
            exactSizeBuffers: true);

        Assert.Equal("retry: 0\ndata: x\n\nretry: 0\n\n", written);
    }

    [Theory]
    [InlineData("a\r\nb\rc\nd", ": a\n: b\n: c\n: d\n\n")]
    [InlineData("a\n\nb", ": a\n:\n: b\n\n")]
    [InlineData("a\r", ": a\n:\n\n")]
    [InlineData("\nx", ":\n: x\n\n")]
    [InlineData("\r\n", ":\n:\n\n")]
    [InlineData("é😀", ": é😀\n\n")]
    public void WriteComment_EachLineBreakKind_StartsANewCommentLine(string text, string expected)
    {
        Assert.Equal(expected, Write(w => w.WriteComment(text), exactSizeBuffers: true));
    }

    [Fact]
    public void JsonOptionsOfEachEvent_AreHonoured_WhenTheyChangeBetweenEvents()
    {
        // The default encoder escapes non-ASCII and HTML-sensitive characters; the relaxed one writes them as they are.
        JsonTypeInfo<Tick> escaped = TickContract(JavaScriptEncoder.Default);
        JsonTypeInfo<Tick> relaxed = TickContract(JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

        string written = Write(
            w =>
            {
                w.WriteJsonEvent(new Tick(1, "é<"), escaped);
                w.WriteJsonEvent(new Tick(2, "é<"), relaxed);
                w.WriteJsonEvent(new Tick(3, "é<"), escaped);
            },
            exactSizeBuffers: true);

        Assert.Equal(
            "data: {\"Count\":1,\"Label\":\"\\u00E9\\u003C\"}\n\ndata: {\"Count\":2,\"Label\":\"é<\"}\n\ndata: {\"Count\":3,\"Label\":\"\\u00E9\\u003C\"}\n\n",
            written);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(20_000)]
    public void InvalidUtf16InEveryField_BecomesReplacementCharacters_OnBothPaths(int size)
    {
        // Past the one-span bound every field is transcoded piece by piece; a lone surrogate last is the final block's case.
        string eventType = new string('e', size) + "\uD800";
        string id = "\uDC00" + new string('i', size);
        string data = new string('d', size) + "\uD800";

        string written = Write(w => w.WriteEvent(data, eventType, id), exactSizeBuffers: true);

        SseItem<string> item = Assert.Single(SseOracle.Parse(Encoding.UTF8.GetBytes(written)));
        Assert.Equal(new string('e', size) + "\uFFFD", item.EventType);
        Assert.Equal("\uFFFD" + new string('i', size), item.EventId);
        Assert.Equal(new string('d', size) + "\uFFFD", item.Data);
    }

    [Fact]
    public void UnionItemWithAnInvalidEventType_IsRejectedBeforeAnyByte()
    {
        // The overload typed unions use (internal: the generated and SseResults item writers call it).
        var output = new ArrayBufferWriter<byte>();
        var writer = new SseFrameWriter(output);

        // Cast, or overload resolution picks the public generic overload, which validates on its own.
        object item = new Tick(1, "x");
        JsonTypeInfo typeInfo = TestJsonContext.Default.Tick;
        Assert.Throws<ArgumentException>("eventType", () => writer.WriteJsonEvent(item, typeInfo, "a\nb"));

        Assert.Equal(0, output.WrittenCount);
        writer.WriteJsonEvent(item, typeInfo, "tick");
        Assert.Equal("event: tick\ndata: {\"Count\":1,\"Label\":\"x\"}\n\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Theory]
    [InlineData("\nx")]
    [InlineData("\rx")]
    [InlineData("x\n")]
    public void ValidateEventType_LineBreakAnywhere_ThrowsExplainingWhy(string eventType)
    {
        ArgumentException error = Assert.Throws<ArgumentException>("eventType", () => SseFrameWriter.ValidateEventType(eventType));

        Assert.StartsWith("An SSE event type must not contain CR or LF", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\nx")]
    [InlineData("\rx")]
    [InlineData("\0x")]
    [InlineData("x\0")]
    public void ValidateId_LineBreakOrNulAnywhere_ThrowsExplainingWhy(string id)
    {
        ArgumentException error = Assert.Throws<ArgumentException>("id", () => SseFrameWriter.ValidateId(id));

        Assert.StartsWith("An SSE event id must not contain CR, LF or NUL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TheCallersParameterName_IsTheOneReported()
    {
        Assert.Throws<ArgumentException>("item", () => SseFrameWriter.ValidateEventType("a\nb", "item"));
        Assert.Throws<ArgumentException>("lastEventId", () => SseFrameWriter.ValidateId("a\0b", "lastEventId"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tick: 1 é")]
    public void Validate_ValidFields_DoNotThrow(string? value)
    {
        SseFrameWriter.ValidateEventType(value);
        SseFrameWriter.ValidateId(value);
    }

    [Fact]
    public void Constructor_NullOutput_Throws() =>
        Assert.Throws<ArgumentNullException>("output", () => new SseFrameWriter(null!));

    [Fact]
    public void WriteJsonEvent_NullContract_ThrowsAndWritesNothing()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new SseFrameWriter(output);

        Assert.Throws<ArgumentNullException>("typeInfo", () => writer.WriteJsonEvent(new Tick(1, "x"), null!));

        Assert.Equal(0, output.WrittenCount);
    }

    private static JsonTypeInfo<Tick> TickContract(JavaScriptEncoder encoder) =>
        (JsonTypeInfo<Tick>)new JsonSerializerOptions { TypeInfoResolver = TestJsonContext.Default, Encoder = encoder }.GetTypeInfo(typeof(Tick));

    // Every frame is checked against the writer's own count, whichever path wrote it.
    private static string Write(Action<SseFrameWriter> write, bool exactSizeBuffers)
    {
        if (exactSizeBuffers)
        {
            var exact = new ExactSizeBufferWriter();
            var writer = new SseFrameWriter(exact);
            write(writer);
            Assert.Equal(exact.WrittenSpan.Length, writer.BytesWritten);
            return Encoding.UTF8.GetString(exact.WrittenSpan);
        }

        var output = new ArrayBufferWriter<byte>();
        var pooled = new SseFrameWriter(output);
        write(pooled);
        Assert.Equal(output.WrittenCount, pooled.BytesWritten);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
