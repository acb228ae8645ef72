using System.Text.Json.Serialization;

namespace SseGen.Tests;

/// <summary>A small record for JSON events in tests.</summary>
public sealed record Tick(int Count, string Label);

/// <summary>Source-generated contracts for the tests' JSON events.</summary>
[JsonSerializable(typeof(Tick))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(HalfWritten))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
