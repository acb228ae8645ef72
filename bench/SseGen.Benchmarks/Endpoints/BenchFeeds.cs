using System.Net.ServerSentEvents;

namespace SseGen.Benchmarks.Endpoints;

/// <summary>
/// One real <c>[SseEndpoint]</c> per item kind, compiled with the generator attached as an analyzer, so that
/// <see cref="GeneratedWritePathBenchmarks"/> drives the write path the generator emits, not a copy of it.
/// The bodies are never run: the benchmarks feed items to the generated write delegate directly.
/// </summary>
public static class BenchFeeds
{
    [SseEndpoint("/bench/strings", EventType = "quote")]
    public static IAsyncEnumerable<string> Strings() => throw new NotSupportedException();

    [SseEndpoint("/bench/quotes", EventType = "quote")]
    public static IAsyncEnumerable<Quote> Quotes() => throw new NotSupportedException();

    [SseEndpoint("/bench/string-items")]
    public static IAsyncEnumerable<SseItem<string>> StringItems() => throw new NotSupportedException();

    [SseEndpoint("/bench/quote-items")]
    public static IAsyncEnumerable<SseItem<Quote>> QuoteItems() => throw new NotSupportedException();

    [SseEndpoint("/bench/market")]
    public static IAsyncEnumerable<MarketEvent> Market() => throw new NotSupportedException();
}
