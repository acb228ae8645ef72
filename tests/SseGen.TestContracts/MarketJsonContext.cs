using System.Text.Json.Serialization;

namespace SseGen.TestContracts;

/// <summary>The JSON contract of <see cref="IMarketFeeds"/>: in the server's resolver chain, and the generated clients'.</summary>
[JsonSerializable(typeof(Opened))]
[JsonSerializable(typeof(Trade))]
[JsonSerializable(typeof(Closed))]
[JsonSerializable(typeof(Quote))]
public sealed partial class MarketJsonContext : JsonSerializerContext;
