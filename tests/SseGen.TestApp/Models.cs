using System.Text.Json.Serialization;

namespace SseGen.TestApp;

public sealed record Tick(int Number, string Label);

public sealed record Price(string Symbol, decimal Value);

/// <summary>A typed union: each derived type is its own event type in one stream.</summary>
public abstract record ChatEvent(string Room);

[SseEvent("joined")]
public sealed record Joined(string Room, string User) : ChatEvent(Room);

[SseEvent("said")]
public sealed record Said(string Room, string User, string Text) : ChatEvent(Room);

/// <summary>Contracts for every item type, so the endpoints serialize without reflection.</summary>
[JsonSerializable(typeof(Tick))]
[JsonSerializable(typeof(Price))]
[JsonSerializable(typeof(Joined))]
[JsonSerializable(typeof(Said))]
internal sealed partial class TestAppJsonContext : JsonSerializerContext
{
}
