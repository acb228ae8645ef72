using System.Text.Json.Serialization;

namespace SseGen.TestLibrary.Live;

public sealed record LiveTick(int Number, string Label);

public sealed record LivePrice(string Symbol, decimal Value);

public enum LiveScale
{
    Unit,
    Hundred,
}

/// <summary>The union of room events, written and read by event name.</summary>
public abstract record LiveEvent(string Room);

[SseEvent("joined")]
public sealed record LiveJoined(string Room, string User) : LiveEvent(Room);

[SseEvent("said")]
public sealed record LiveSaid(string Room, string User, string Text) : LiveEvent(Room);

[SseEvent("left")]
public sealed record LiveLeft(string Room, string User) : LiveEvent(Room);

/// <summary>The JSON contracts of the live feeds, for the server's options and the generated client alike.</summary>
[JsonSerializable(typeof(LiveTick))]
[JsonSerializable(typeof(LivePrice))]
[JsonSerializable(typeof(LiveJoined))]
[JsonSerializable(typeof(LiveSaid))]
[JsonSerializable(typeof(LiveLeft))]
public sealed partial class LiveJsonContext : JsonSerializerContext
{
}
