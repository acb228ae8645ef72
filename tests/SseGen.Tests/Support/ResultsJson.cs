using System.Text.Json.Serialization;

namespace SseGen.Tests;

/// <summary>The base of a typed union in tests: each derived type names its own event.</summary>
public abstract record Change;

/// <summary>A union case sent as <c>event: up</c>.</summary>
[SseEvent("up")]
public sealed record Up(int By) : Change;

/// <summary>A union case sent as <c>event: down</c>.</summary>
[SseEvent("down")]
public sealed record Down(int By) : Change;

/// <summary>Source-generated contracts registered in the test apps' minimal-API JSON options, as an AOT app would.</summary>
[JsonSerializable(typeof(Tick))]
[JsonSerializable(typeof(Up))]
[JsonSerializable(typeof(Down))]
internal sealed partial class ResultsJsonContext : JsonSerializerContext;
