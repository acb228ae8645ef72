namespace SseGen.Benchmarks.Endpoints;

/// <summary>A typed union: each derived record is sent under its own event name through a generated type switch.</summary>
public abstract record MarketEvent(string Symbol);

/// <summary>A trade, sent as <c>event: trade</c>.</summary>
[SseEvent("trade")]
public sealed record Trade(string Symbol, decimal Price, int Size) : MarketEvent(Symbol);

/// <summary>A best bid and offer, sent as <c>event: bbo</c>.</summary>
[SseEvent("bbo")]
public sealed record BestBidOffer(string Symbol, decimal Bid, decimal Ask) : MarketEvent(Symbol);

/// <summary>A trading halt, sent as <c>event: halt</c>.</summary>
[SseEvent("halt")]
public sealed record Halt(string Symbol, string Reason) : MarketEvent(Symbol);
