using System.Net.ServerSentEvents;

namespace SseGen.TestContracts;

/// <summary>
/// A market feed declared once, in a project that references SseGen's attributes alone: the test app serves it with the
/// implementation it registers, the generated clients call it.
/// </summary>
public interface IMarketFeeds
{
    /// <summary>The first <paramref name="count"/> trades of <paramref name="symbol"/>, numbered from 1 as their ids; resumes after <paramref name="lastEventId"/>.</summary>
    [SseEndpoint("/market/{symbol}/trades", RetryMilliseconds = 10, HeartbeatSeconds = 0)]
    IAsyncEnumerable<SseItem<Trade>> Trades(string symbol, int count, [LastEventId] string? lastEventId, CancellationToken ct);

    /// <summary>A session of <paramref name="symbol"/>: opened, <paramref name="trades"/> trades, closed, then <c>[DONE]</c>.</summary>
    [SseEndpoint("/market/{symbol}/session", EndSentinel = "[DONE]", HeartbeatSeconds = 0)]
    IAsyncEnumerable<MarketEvent> Session(string symbol, int trades, CancellationToken ct);

    /// <summary>
    /// The quotes published to <paramref name="symbol"/>'s topic from now on, or after <paramref name="lastEventId"/>:
    /// the server returns a topic's subscription as these items.
    /// </summary>
    [SseEndpoint("/market/{symbol}/quotes", HeartbeatSeconds = 0)]
    IAsyncEnumerable<SseItem<Quote>> Quotes(string symbol, [LastEventId] string? lastEventId, CancellationToken ct);
}

/// <summary>One quote of a symbol, broadcast to every subscriber of its topic.</summary>
[SseEvent("quote")]
public sealed record Quote(string Symbol, decimal Bid, decimal Ask);

/// <summary>What a market session streams: one event name per case.</summary>
public abstract record MarketEvent(string Symbol);

/// <summary>The session opened; <see cref="Trades"/> trades follow.</summary>
[SseEvent("opened")]
public sealed record Opened(string Symbol, int Trades) : MarketEvent(Symbol);

/// <summary>One trade.</summary>
[SseEvent("trade")]
public sealed record Trade(string Symbol, int Sequence, decimal Price) : MarketEvent(Symbol);

/// <summary>The session closed.</summary>
[SseEvent("closed")]
public sealed record Closed(string Symbol) : MarketEvent(Symbol);
