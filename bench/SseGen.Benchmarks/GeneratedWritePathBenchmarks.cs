using System.Buffers;
using System.IO.Pipelines;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using SseGen.Benchmarks.Endpoints;

namespace SseGen.Benchmarks;

/// <summary>
/// The write path the generator emits for each item kind (string, record as JSON, <see cref="SseItem{T}"/> of string and
/// of a record, a typed union), against <see cref="SseFormatter"/>, which <c>TypedResults.ServerSentEvents</c> uses, on the
/// same 1,000 items. The SseGen side calls the very <c>Action&lt;SseFrameWriter, T&gt;</c> that the generated endpoint
/// class of <see cref="BenchFeeds"/> hands to <c>SseResponse.StreamAsync</c>, with the JSON contracts that class resolved
/// from the app's JSON options; the peer gets the same contracts. Both flush once per event into a <see cref="PipeWriter"/>
/// over <see cref="Stream.Null"/> (the peer through <see cref="PipeWriter.AsStream"/>, as <c>Response.Body</c>). Figures are per event.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class GeneratedWritePathBenchmarks
{
    private const int EventCount = 1_000;

    private ReplayableItems<string> _strings = null!;
    private ReplayableItems<SseItem<string>> _stringsAsQuoteItems = null!;
    private ReplayableItems<Quote> _quotes = null!;
    private ReplayableItems<SseItem<Quote>> _quotesAsQuoteItems = null!;
    private ReplayableItems<SseItem<string>> _stringItems = null!;
    private ReplayableItems<SseItem<Quote>> _quoteItems = null!;
    private ReplayableItems<MarketEvent> _market = null!;
    private ReplayableItems<SseItem<MarketEvent>> _marketItems = null!;

    private Action<SseFrameWriter, string> _writeString = null!;
    private Action<SseFrameWriter, Quote> _writeQuote = null!;
    private Action<SseFrameWriter, SseItem<string>> _writeStringItem = null!;
    private Action<SseFrameWriter, SseItem<Quote>> _writeQuoteItem = null!;
    private Action<SseFrameWriter, MarketEvent> _writeMarket = null!;

    private JsonTypeInfo<Quote> _quoteInfo = null!;
    private JsonTypeInfo<Trade> _tradeInfo = null!;
    private JsonTypeInfo<BestBidOffer> _bboInfo = null!;
    private JsonTypeInfo<Halt> _haltInfo = null!;

    private PipeWriter _pipe = null!;
    private Stream _pipeStream = null!;
    private SseFrameWriter _frames = null!;
    private Utf8JsonWriter _peerJson = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The app's JSON options, as a web app configures them for source-generated contracts.
        IServiceProvider services = new ServiceCollection()
            .ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BenchJsonContext.Default))
            .BuildServiceProvider();
        JsonSerializerOptions json = SseEndpointBinding.GetJsonOptions(services);
        _quoteInfo = (JsonTypeInfo<Quote>)json.GetTypeInfo(typeof(Quote));
        _tradeInfo = (JsonTypeInfo<Trade>)json.GetTypeInfo(typeof(Trade));
        _bboInfo = (JsonTypeInfo<BestBidOffer>)json.GetTypeInfo(typeof(BestBidOffer));
        _haltInfo = (JsonTypeInfo<Halt>)json.GetTypeInfo(typeof(Halt));

        _writeString = GeneratedWriteItem(new BenchFeeds_Strings_SseEndpoint(services));
        _writeQuote = GeneratedWriteItem(new BenchFeeds_Quotes_SseEndpoint(services));
        _writeStringItem = GeneratedWriteItem(new BenchFeeds_StringItems_SseEndpoint(services));
        _writeQuoteItem = GeneratedWriteItem(new BenchFeeds_QuoteItems_SseEndpoint(services));
        _writeMarket = GeneratedWriteItem(new BenchFeeds_Market_SseEndpoint(services));

        string[] strings = [.. Enumerable.Range(0, EventCount).Select(i => $"price update {i}: 101.25 -> 101.50")];
        Quote[] quotes = [.. Enumerable.Range(0, EventCount).Select(i => new Quote("MSFT", 101.25m + i, i))];
        string[] ids = [.. Enumerable.Range(0, EventCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        MarketEvent[] market = [.. Enumerable.Range(0, EventCount).Select(i => (i % 3) switch
        {
            0 => (MarketEvent)new Trade("MSFT", 101.25m + i, 100 + i),
            1 => new BestBidOffer("MSFT", 101.20m + i, 101.30m + i),
            _ => new Halt("MSFT", "volatility pause"),
        })];

        SseItem<string>[] stringsAsQuoteItems = [.. strings.Select(s => new SseItem<string>(s, "quote"))];
        SseItem<Quote>[] quotesAsQuoteItems = [.. quotes.Select(q => new SseItem<Quote>(q, "quote"))];
        SseItem<string>[] stringItems = [.. strings.Select((s, i) => new SseItem<string>(s, "quote") { EventId = ids[i] })];
        SseItem<Quote>[] quoteItems = [.. quotes.Select((q, i) => new SseItem<Quote>(q, "quote") { EventId = ids[i] })];
        SseItem<MarketEvent>[] marketItems = [.. market.Select(e => new SseItem<MarketEvent>(e, EventName(e)))];

        _strings = new(strings);
        _stringsAsQuoteItems = new(stringsAsQuoteItems);
        _quotes = new(quotes);
        _quotesAsQuoteItems = new(quotesAsQuoteItems);
        _stringItems = new(stringItems);
        _quoteItems = new(quoteItems);
        _market = new(market);
        _marketItems = new(marketItems);

        _pipe = CreateSink();
        _pipeStream = _pipe.AsStream(leaveOpen: true);
        _frames = new SseFrameWriter(_pipe);
        _peerJson = new Utf8JsonWriter(Stream.Null);

        (string Kind, string Generated, string Peer)[] samples =
        [
            ("string", Frame(w => _writeString(w, strings[0])), PeerFrame(stringsAsQuoteItems[0], null)),
            ("record", Frame(w => _writeQuote(w, quotes[0])), PeerFrame(quotesAsQuoteItems[0], WritePeerQuote)),
            ("SseItem<string>", Frame(w => _writeStringItem(w, stringItems[0])), PeerFrame(stringItems[0], null)),
            ("SseItem<record>", Frame(w => _writeQuoteItem(w, quoteItems[0])), PeerFrame(quoteItems[0], WritePeerQuote)),
            ("union", Frame(w => _writeMarket(w, market[1])), PeerFrame(marketItems[1], WritePeerMarket)),
        ];

        // Not timed: the log shows that both sides write the same event, field order aside.
        foreach ((string kind, string generated, string peer) in samples)
        {
            Console.WriteLine($"// {kind}: generated {generated.Length} B {Escape(generated)} | SseFormatter {peer.Length} B {Escape(peer)}");
        }
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
        await SseFormatter.WriteAsync(_quotesAsQuoteItems, _pipeStream, WritePeerQuote);
        Drain();
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("2 record JSON")]
    public async Task Generated_Record()
    {
        await WriteGeneratedAsync(_quotes, _writeQuote);
        Drain();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("3 SseItem<string>")]
    public async Task SseFormatter_SseItemOfString()
    {
        await SseFormatter.WriteAsync(_stringItems, _pipeStream);
        Drain();
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("3 SseItem<string>")]
    public async Task Generated_SseItemOfString()
    {
        await WriteGeneratedAsync(_stringItems, _writeStringItem);
        Drain();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("4 SseItem<record>")]
    public async Task SseFormatter_SseItemOfRecord()
    {
        await SseFormatter.WriteAsync(_quoteItems, _pipeStream, WritePeerQuote);
        Drain();
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("4 SseItem<record>")]
    public async Task Generated_SseItemOfRecord()
    {
        await WriteGeneratedAsync(_quoteItems, _writeQuoteItem);
        Drain();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("5 union")]
    public async Task SseFormatter_Union()
    {
        await SseFormatter.WriteAsync(_marketItems, _pipeStream, WritePeerMarket);
        Drain();
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("5 union")]
    public async Task Generated_Union()
    {
        await WriteGeneratedAsync(_market, _writeMarket);
        Drain();
    }

    /// <summary>Where both sides write: a <see cref="PipeWriter"/> over <see cref="Stream.Null"/>.</summary>
    /// <returns>The pipe writer that the generated path writes to and the peer's stream wraps.</returns>
    protected virtual PipeWriter CreateSink() => PipeWriter.Create(Stream.Null);

    /// <summary>Consumes what a sink holds after 1,000 events; <see cref="Stream.Null"/> holds nothing.</summary>
    protected virtual void Drain()
    {
    }

    // The generated endpoint keeps its write delegate private; this reads the field without reflection.
    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_writeItem")]
    private static extern ref Action<SseFrameWriter, string> WriteItemField(BenchFeeds_Strings_SseEndpoint endpoint);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_writeItem")]
    private static extern ref Action<SseFrameWriter, Quote> WriteItemField(BenchFeeds_Quotes_SseEndpoint endpoint);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_writeItem")]
    private static extern ref Action<SseFrameWriter, SseItem<string>> WriteItemField(BenchFeeds_StringItems_SseEndpoint endpoint);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_writeItem")]
    private static extern ref Action<SseFrameWriter, SseItem<Quote>> WriteItemField(BenchFeeds_QuoteItems_SseEndpoint endpoint);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_writeItem")]
    private static extern ref Action<SseFrameWriter, MarketEvent> WriteItemField(BenchFeeds_Market_SseEndpoint endpoint);

    private static Action<SseFrameWriter, string> GeneratedWriteItem(BenchFeeds_Strings_SseEndpoint endpoint) => WriteItemField(endpoint);

    private static Action<SseFrameWriter, Quote> GeneratedWriteItem(BenchFeeds_Quotes_SseEndpoint endpoint) => WriteItemField(endpoint);

    private static Action<SseFrameWriter, SseItem<string>> GeneratedWriteItem(BenchFeeds_StringItems_SseEndpoint endpoint) => WriteItemField(endpoint);

    private static Action<SseFrameWriter, SseItem<Quote>> GeneratedWriteItem(BenchFeeds_QuoteItems_SseEndpoint endpoint) => WriteItemField(endpoint);

    private static Action<SseFrameWriter, MarketEvent> GeneratedWriteItem(BenchFeeds_Market_SseEndpoint endpoint) => WriteItemField(endpoint);

    private static string EventName(MarketEvent e) => e switch
    {
        Trade => "trade",
        BestBidOffer => "bbo",
        _ => "halt",
    };

    // What SseResponse.StreamAsync does per item, minus its bookkeeping: call the generated delegate, then flush,
    // once per event like the peer (StreamAsync would coalesce these ready items into fewer flushes).
    private async Task WriteGeneratedAsync<T>(IAsyncEnumerable<T> items, Action<SseFrameWriter, T> writeItem)
    {
        await foreach (T item in items)
        {
            writeItem(_frames, item);
            await _pipe.FlushAsync();
        }
    }

    // The peer's best case: one Utf8JsonWriter reused for every item, and the same contracts the endpoint resolved.
    private void WritePeerQuote(SseItem<Quote> item, IBufferWriter<byte> buffer)
    {
        _peerJson.Reset(buffer);
        JsonSerializer.Serialize(_peerJson, item.Data, _quoteInfo);
        _peerJson.Flush();
    }

    // A TypedResults.ServerSentEvents app writing a union: the same type switch, by hand, in the formatter's callback.
    private void WritePeerMarket(SseItem<MarketEvent> item, IBufferWriter<byte> buffer)
    {
        _peerJson.Reset(buffer);
        switch (item.Data)
        {
            case Trade trade:
                JsonSerializer.Serialize(_peerJson, trade, _tradeInfo);
                break;
            case BestBidOffer bbo:
                JsonSerializer.Serialize(_peerJson, bbo, _bboInfo);
                break;
            case Halt halt:
                JsonSerializer.Serialize(_peerJson, halt, _haltInfo);
                break;
        }

        _peerJson.Flush();
    }

    private static string Frame(Action<SseFrameWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(new SseFrameWriter(buffer));
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string PeerFrame<T>(SseItem<T> item, Action<SseItem<T>, IBufferWriter<byte>>? serialize)
    {
        using var stream = new MemoryStream();
        var items = new ReplayableItems<SseItem<T>>([item]);
        Task written = serialize is null
            ? SseFormatter.WriteAsync((IAsyncEnumerable<SseItem<string>>)(object)items, stream)
            : SseFormatter.WriteAsync(items, stream, serialize);
        written.GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Escape(string frame) => frame.Replace("\n", "\\n", StringComparison.Ordinal);
}
