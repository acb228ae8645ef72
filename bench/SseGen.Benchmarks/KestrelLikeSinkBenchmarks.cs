using System.IO.Pipelines;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using SseGen.Benchmarks.Endpoints;

namespace SseGen.Benchmarks;

/// <summary>
/// The string and record cases of <see cref="GeneratedWritePathBenchmarks"/> into a <see cref="Pipe"/> instead of a
/// <see cref="PipeWriter"/> over <see cref="Stream.Null"/>. <c>PipeWriter.Create(stream)</c> passes what is given to
/// <c>WriteAsync</c> straight to its stream, so there the peer's stream writes skip the buffer while SseGen, writing in
/// place, rents and returns a segment per event. A <see cref="Pipe"/>, like Kestrel's response pipe, copies a stream write
/// into its buffer, so each side pays what it pays on a real server. Both drain the pipe once per 1,000 events.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class KestrelLikeSinkBenchmarks
{
    private const int EventCount = 1_000;

    private ReplayableItems<string> _strings = null!;
    private ReplayableItems<SseItem<string>> _stringsAsQuoteItems = null!;
    private ReplayableItems<Quote> _quotes = null!;
    private ReplayableItems<SseItem<Quote>> _quotesAsQuoteItems = null!;
    private Action<SseFrameWriter, string> _writeString = null!;
    private Action<SseFrameWriter, Quote> _writeQuote = null!;
    private JsonTypeInfo<Quote> _quoteInfo = null!;

    private Pipe _pipe = null!;
    private Stream _pipeStream = null!;
    private SseFrameWriter _frames = null!;
    private Utf8JsonWriter _peerJson = null!;

    [GlobalSetup]
    public void Setup()
    {
        IServiceProvider services = new ServiceCollection()
            .ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BenchJsonContext.Default))
            .BuildServiceProvider();
        _quoteInfo = (JsonTypeInfo<Quote>)SseEndpointBinding.GetJsonOptions(services).GetTypeInfo(typeof(Quote));
        _writeString = WriteItemField(new BenchFeeds_Strings_SseEndpoint(services));
        _writeQuote = WriteItemField(new BenchFeeds_Quotes_SseEndpoint(services));

        string[] strings = [.. Enumerable.Range(0, EventCount).Select(i => $"price update {i}: 101.25 -> 101.50")];
        Quote[] quotes = [.. Enumerable.Range(0, EventCount).Select(i => new Quote("MSFT", 101.25m + i, i))];
        _strings = new(strings);
        _stringsAsQuoteItems = new([.. strings.Select(s => new SseItem<string>(s, "quote"))]);
        _quotes = new(quotes);
        _quotesAsQuoteItems = new([.. quotes.Select(q => new SseItem<Quote>(q, "quote"))]);

        // Never pauses the writer: the benchmark drains once per invocation, after the last event.
        _pipe = new Pipe(new PipeOptions(
            readerScheduler: PipeScheduler.Inline,
            writerScheduler: PipeScheduler.Inline,
            pauseWriterThreshold: 0,
            resumeWriterThreshold: 0,
            useSynchronizationContext: false));
        _pipeStream = _pipe.Writer.AsStream(leaveOpen: true);
        _frames = new SseFrameWriter(_pipe.Writer);
        _peerJson = new Utf8JsonWriter(Stream.Null);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("1 string")]
    public async Task SseFormatter_String()
    {
        await SseFormatter.WriteAsync(_stringsAsQuoteItems, _pipeStream);
        Drain();
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("1 string")]
    public async Task Generated_String()
    {
        await WriteGeneratedAsync(_strings, _writeString);
        Drain();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("2 record JSON")]
    public async Task SseFormatter_Record()
    {
        await SseFormatter.WriteAsync(_quotesAsQuoteItems, _pipeStream, (item, buffer) =>
        {
            _peerJson.Reset(buffer);
            JsonSerializer.Serialize(_peerJson, item.Data, _quoteInfo);
            _peerJson.Flush();
        });
        Drain();
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("2 record JSON")]
    public async Task Generated_Record()
    {
        await WriteGeneratedAsync(_quotes, _writeQuote);
        Drain();
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_writeItem")]
    private static extern ref Action<SseFrameWriter, string> WriteItemField(BenchFeeds_Strings_SseEndpoint endpoint);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_writeItem")]
    private static extern ref Action<SseFrameWriter, Quote> WriteItemField(BenchFeeds_Quotes_SseEndpoint endpoint);

    private async Task WriteGeneratedAsync<T>(IAsyncEnumerable<T> items, Action<SseFrameWriter, T> writeItem)
    {
        await foreach (T item in items)
        {
            writeItem(_frames, item);
            await _pipe.Writer.FlushAsync();
        }
    }

    private void Drain()
    {
        if (_pipe.Reader.TryRead(out ReadResult read))
        {
            _pipe.Reader.AdvanceTo(read.Buffer.End);
        }
    }
}
