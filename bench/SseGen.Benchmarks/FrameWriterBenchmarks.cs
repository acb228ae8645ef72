using System.IO.Pipelines;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using SseGen.Benchmarks.Endpoints;

namespace SseGen.Benchmarks;

/// <summary>
/// SseGen's frame writer against <see cref="SseFormatter"/> on the same 1,000 events, each written and flushed on its
/// own, as a live event stream does. Both write into the same kind of sink Kestrel gives a response: a
/// <see cref="PipeWriter"/>, which SseFormatter reaches through a stream over it (as <c>Response.Body</c> is) and SseGen
/// writes directly (as <c>Response.BodyWriter</c>). Figures are per event.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
public class FrameWriterBenchmarks
{
    private const int EventCount = 1_000;

    private ReplayableItems<SseItem<string>> _stringItems = null!;
    private ReplayableItems<SseItem<Quote>> _quoteItems = null!;
    private ReplayableItems<string> _strings = null!;
    private ReplayableItems<Quote> _quotes = null!;
    private PipeWriter _pipe = null!;
    private Stream _pipeStream = null!;
    private SseFrameWriter _frames = null!;
    private Utf8JsonWriter _peerJson = null!;

    [GlobalSetup]
    public void Setup()
    {
        string[] strings = [.. Enumerable.Range(0, EventCount).Select(i => $"price update {i}: 101.25 -> 101.50")];
        Quote[] quotes = [.. Enumerable.Range(0, EventCount).Select(i => new Quote("MSFT", 101.25m + i, i))];
        _strings = new(strings);
        _quotes = new(quotes);
        _stringItems = new([.. strings.Select(s => new SseItem<string>(s, "quote"))]);
        _quoteItems = new([.. quotes.Select(q => new SseItem<Quote>(q, "quote"))]);
        _pipe = PipeWriter.Create(Stream.Null);
        _pipeStream = _pipe.AsStream(leaveOpen: true);
        _frames = new SseFrameWriter(_pipe);
        _peerJson = new Utf8JsonWriter(Stream.Null);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("string")]
    public Task SseFormatter_String() => SseFormatter.WriteAsync(_stringItems, _pipeStream);

    [Benchmark(OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("string")]
    public async Task SseGen_String()
    {
        await foreach (string item in _strings)
        {
            _frames.WriteEvent(item, eventType: "quote");
            await _pipe.FlushAsync();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("json")]
    public Task SseFormatter_Json() => SseFormatter.WriteAsync(_quoteItems, _pipeStream, (item, buffer) =>
    {
        // The peer's best case: one Utf8JsonWriter reused for every item, as SseGen does.
        _peerJson.Reset(buffer);
        JsonSerializer.Serialize(_peerJson, item.Data, BenchJsonContext.Default.Quote);
        _peerJson.Flush();
    });

    [Benchmark(OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("json")]
    public async Task SseGen_Json()
    {
        await foreach (Quote quote in _quotes)
        {
            _frames.WriteJsonEvent(quote, BenchJsonContext.Default.Quote, eventType: "quote");
            await _pipe.FlushAsync();
        }
    }
}

/// <summary>A small record, the typical payload of a live stream.</summary>
public sealed record Quote(string Symbol, decimal Price, long Sequence);

[JsonSerializable(typeof(Quote))]
[JsonSerializable(typeof(Trade))]
[JsonSerializable(typeof(BestBidOffer))]
[JsonSerializable(typeof(Halt))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
