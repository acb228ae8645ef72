using System.Net.ServerSentEvents;
using System.Text;
using CsCheck;
using SseGen.Client;

namespace SseGen.Tests.Client;

/// <summary>
/// The client's typed reader against <see cref="SseParser"/>, the oracle: the same events, types, ids, data and
/// <c>retry</c> for any stream in any read sizes; and where SseParser departs from the WHATWG spec (a block without
/// data, an empty <c>event:</c>), the spec.
/// </summary>
public sealed class SseItemReaderTests
{
    private static readonly Gen<string> LineEnd = Gen.OneOf(Gen.Const("\n"), Gen.Const("\r\n"), Gen.Const("\r"));

    // Values with what a field can hold: spaces (a leading one is dropped once), colons, non-ASCII, empty.
    private static readonly Gen<string> Value = Gen.OneOf(
        Gen.Const(string.Empty), Gen.Const(" "), Gen.Const("  two spaces"), Gen.Const("a:b"), Gen.Const("é😀"), Gen.Const("[DONE]"),
        Gen.String[Gen.Char["a-z0-9 :{}\""], 0, 12]);

    private static readonly Gen<string> FieldLine = Gen.OneOf(
        Value.Select(v => "data: " + v),
        Value.Select(v => "data:" + v),
        Gen.Const("data"),
        Gen.OneOf(Gen.Const("tick"), Gen.Const("message"), Gen.Const(string.Empty), Gen.Const("said")).Select(t => "event: " + t),
        Value.Select(v => "id: " + v),
        Gen.Const("id: has\0nul"),
        Gen.Int[0, 100_000].Select(ms => "retry: " + ms),
        Gen.Const("retry: 12x"),
        Value.Select(v => ": " + v),
        Value.Select(v => "foo: " + v));

    // Every block has data, so SseParser and the spec agree on it (they part only over blocks without data).
    private static readonly Gen<string> Block = Gen.Select(FieldLine.Array[0, 4], Value, FieldLine.Array[0, 3], LineEnd.Array[8])
        .Select((before, data, after, ends) =>
        {
            string[] lines = [.. before, "data: " + data, .. after];
            var text = new StringBuilder();
            for (int i = 0; i < lines.Length; i++)
            {
                text.Append(lines[i]).Append(ends[i % ends.Length]);
            }

            // The blank line ends as the line before it, so a CR and an LF never merge into one CRLF line end.
            return text.Append(ends[(lines.Length - 1) % ends.Length]).ToString();
        });

    [Fact]
    public void AnyStream_InAnyReadSizes_ReadsAsSseParserDoes()
    {
        Gen.Select(Gen.Bool, Block.Array[0, 8], Gen.Int[1, 70]).Sample((bom, blocks, readSize) =>
        {
            byte[] body = [.. (bom ? "\uFEFF"u8.ToArray() : []), .. Encoding.UTF8.GetBytes(string.Concat(blocks))];
            SseParser<string> parser = SseParser.Create(new MemoryStream(body));
            // SseParser reports an empty "event:" as the type ""; the spec, and EventSource, as "message".
            List<(string, string, string?, TimeSpan?)> expected = [.. parser.Enumerate().Select(i => (i.EventType is "" ? "message" : i.EventType, i.Data, i.EventId, i.ReconnectionInterval))];

            using var reader = new SseItemReader<string>(new TrickleStream(body, readSize), ReadText, endSentinel: null);
            List<(string, string, string?, TimeSpan?)> actual = [.. ReadAll(reader).Select(i => (i.EventType, i.Data, i.EventId, i.ReconnectionInterval))];

            Assert.Equal(expected, actual);
            Assert.Equal(parser.LastEventId, reader.HasDispatchedId ? reader.DispatchedId : string.Empty);
            Assert.Equal(parser.ReconnectionInterval >= TimeSpan.Zero ? parser.ReconnectionInterval : null, reader.Retry);
        }, iter: 2000);
    }

    [Theory]
    [InlineData("data: a\n\ndata: half", 1)]
    [InlineData("data: a\n\ndata: half\n", 1)]
    [InlineData("data: a\r\n\r\ndata: half\r", 1)]
    [InlineData("data: a\r\r", 1)]
    [InlineData("data: a\r", 0)]
    public void AnEventTheBodyCutOff_IsNeverHandedOut(string body, int whole)
    {
        using var reader = new SseItemReader<string>(new TrickleStream(Encoding.UTF8.GetBytes(body), 2), ReadText, endSentinel: null);

        Assert.Equal(whole, ReadAll(reader).Count);
    }

    [Fact]
    public void ABlockWithoutData_SetsTheLastEventId_AndTakesItsTypeAway_AsTheSpecSays()
    {
        // SseParser keeps "x" for the next event and reports the id only on it; the spec (and EventSource) does neither.
        using var reader = new SseItemReader<string>(new TrickleStream("event: x\nid: 7\n\ndata: g\n\n"u8.ToArray(), 3), ReadText, endSentinel: null);

        SseItem<string> item = Assert.Single(ReadAll(reader));

        Assert.Equal("message", item.EventType);
        Assert.Equal("7", reader.DispatchedId);
    }

    [Fact]
    public async Task UnknownTypes_AreSkipped_AndTheSentinelEnds_WithoutReachingTheReader()
    {
        var seen = new List<string>();
        SseEventReader<string> read = (string type, ReadOnlySpan<byte> data, out string value) =>
        {
            value = Encoding.UTF8.GetString(data);
            seen.Add(value);
            return type == "tick";
        };
        byte[] body = "event: tick\ndata: 1\n\nevent: other\ndata: 2\n\nevent: note\ndata: [DONE]\n\ndata: [DONE]\n\nevent: tick\ndata: 3\n\n"u8.ToArray();
        using var reader = new SseDataReader<string>(new TrickleStream(body, 5), read, "[DONE]"u8.ToArray());
        var results = new List<(SseRead, string)>();
        SseRead result;
        do
        {
            result = await reader.ReadAsync(TestTimeout.After(10));
            results.Add((result, result == SseRead.Skipped ? reader.SkippedEventType : result == SseRead.Event ? reader.Current : string.Empty));
        }
        while (result is not (SseRead.End or SseRead.EndOfBody));

        Assert.Equal([(SseRead.Event, "1"), (SseRead.Skipped, "other"), (SseRead.Skipped, "note"), (SseRead.End, string.Empty)], results);
        Assert.Equal(["1", "2", "[DONE]"], seen); // the sentinel of a message event never reached the reader
    }

    [Fact]
    public void OneTypeAfterAnother_IsDecodedOnce()
    {
        byte[] body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 50).Select(i => $"event: tick\ndata: {i}\n\n")) + "event: tock\ndata: x\n\n");
        using var reader = new SseItemReader<string>(new TrickleStream(body, 7), ReadText, endSentinel: null);

        List<SseItem<string>> items = ReadAll(reader);

        Assert.Equal(51, items.Count);
        Assert.All(items.Take(50), i => Assert.Same(items[0].EventType, i.EventType));
        Assert.Equal("tock", items[50].EventType);
    }

    private static bool ReadText(string eventType, ReadOnlySpan<byte> data, out string value)
    {
        value = Encoding.UTF8.GetString(data);
        return true;
    }

    private static List<SseItem<string>> ReadAll(SseItemReader<string> reader)
    {
        var items = new List<SseItem<string>>();
        while (true)
        {
            SseRead read = reader.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
            if (read == SseRead.EndOfBody)
            {
                return items;
            }

            Assert.Equal(SseRead.Event, read);
            items.Add(reader.Current);
        }
    }
}
