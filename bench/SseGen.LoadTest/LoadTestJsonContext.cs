using System.Text.Json;
using System.Text.Json.Serialization;
using SseGen.LoadTest.Server;

namespace SseGen.LoadTest;

/// <summary>Reflection-free JSON for the ticks and the server's statistics.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Tick))]
[JsonSerializable(typeof(ServerStats))]
internal sealed partial class LoadTestJsonContext : JsonSerializerContext;
