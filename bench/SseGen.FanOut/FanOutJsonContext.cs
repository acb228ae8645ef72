using System.Text.Json;
using System.Text.Json.Serialization;
using SseGen.FanOut.Server;

namespace SseGen.FanOut;

/// <summary>Reflection-free JSON for the event (every peer's serializer reads it from here) and the server's statistics.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FanEvent))]
[JsonSerializable(typeof(ServerStats))]
[JsonSerializable(typeof(PublishResult))]
internal sealed partial class FanOutJsonContext : JsonSerializerContext;
