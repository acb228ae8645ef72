using System.Text.Json;
using System.Text.Json.Serialization;

namespace SseGen.Sample;

/// <summary>A price update: a typed record sent as JSON.</summary>
public sealed record PriceTick(string Symbol, double Price, long Sequence);

/// <summary>What happens in a chat room: one stream, several event types (a typed union).</summary>
public abstract record ChatEvent(string Room, DateTimeOffset At);

/// <summary>Someone entered the room.</summary>
[SseEvent("joined")]
public sealed record UserJoined(string Room, DateTimeOffset At, string User) : ChatEvent(Room, At);

/// <summary>Someone said something.</summary>
[SseEvent("said")]
public sealed record MessageSaid(string Room, DateTimeOffset At, string User, string Text) : ChatEvent(Room, At);

/// <summary>Someone left the room.</summary>
[SseEvent("left")]
public sealed record UserLeft(string Room, DateTimeOffset At, string User) : ChatEvent(Room, At);

/// <summary>The sample's JSON contracts, generated at compile time so nothing needs reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PriceTick))]
[JsonSerializable(typeof(UserJoined))]
[JsonSerializable(typeof(MessageSaid))]
[JsonSerializable(typeof(UserLeft))]
[JsonSerializable(typeof(int))]
internal sealed partial class SampleJsonContext : JsonSerializerContext;
