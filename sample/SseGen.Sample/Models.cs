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

/// <summary>A token of a model's reply, as the gateway streams it to the page.</summary>
public sealed record Token(string Model, string Text);

/// <summary>One chunk of an OpenAI chat-completions stream.</summary>
public sealed record ChatCompletionChunk(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("choices")] IReadOnlyList<ChunkChoice> Choices);

/// <summary>A choice of an OpenAI chunk.</summary>
public sealed record ChunkChoice([property: JsonPropertyName("index")] int Index, [property: JsonPropertyName("delta")] ChunkDelta Delta);

/// <summary>What a choice adds to the reply.</summary>
public sealed record ChunkDelta([property: JsonPropertyName("content")] string? Content);

/// <summary>An Anthropic <c>content_block_delta</c> event.</summary>
public sealed record ContentBlockDelta(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("delta")] TextDelta Delta);

/// <summary>The text an Anthropic delta adds.</summary>
public sealed record TextDelta([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("text")] string Text);

/// <summary>The sample's JSON contracts, generated at compile time so nothing needs reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PriceTick))]
[JsonSerializable(typeof(UserJoined))]
[JsonSerializable(typeof(MessageSaid))]
[JsonSerializable(typeof(UserLeft))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(Token))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(ContentBlockDelta))]
internal sealed partial class SampleJsonContext : JsonSerializerContext;
