using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SseGen;

/// <summary>
/// Writes the items of an <see cref="SseStream{T}"/> as JSON events: an item whose runtime type carries
/// <see cref="SseEventAttribute"/> under that event type with its runtime type's contract, every other item under the
/// stream's event type with <typeparamref name="T"/>'s contract.
/// </summary>
/// <typeparam name="T">The stream's item type.</typeparam>
internal sealed class JsonItemWriter<T>
{
    // Only a class or interface can hold an instance of another type; a struct's items are all exactly T.
    private static readonly bool MayBeDerived = !typeof(T).IsValueType && !typeof(T).IsSealed;

    private readonly JsonSerializerOptions _options;
    private readonly JsonTypeInfo<T>? _typeInfo;
    private readonly string? _eventType;

    /// <summary>Resolves the contracts once per stream, before the first event.</summary>
    public JsonItemWriter(JsonSerializerOptions options, JsonTypeInfo<T>? typeInfo, string? eventType)
    {
        _options = options;
        _eventType = SseEventTypes.Of(typeof(T)) ?? eventType;

        // A type missing from the app's contracts fails here, before the head is sent, so the client gets a 500 rather
        // than an empty stream. The base of a typed union may have no contract of its own: only its derived types need one.
        _typeInfo = typeInfo
            ?? (!MayBeDerived ? JsonContracts.Resolve<T>(options)
                : options.TryGetTypeInfo(typeof(T), out _) ? JsonContracts.Resolve<T>(options) : null);
    }

    /// <summary>Writes <paramref name="item"/> as one event; allocates nothing.</summary>
    public void Write(SseFrameWriter frames, T item)
    {
        if (MayBeDerived && item is not null)
        {
            Type type = item.GetType();
            if (type != typeof(T) && SseEventTypes.Of(type) is { } eventType)
            {
                frames.WriteJsonEvent(item, _options.GetTypeInfo(type), eventType);
                return;
            }
        }

        // Without a contract for T, GetTypeInfo throws the serializer's own explanation.
        frames.WriteJsonEvent(item, _typeInfo ?? (JsonTypeInfo<T>)_options.GetTypeInfo(typeof(T)), _eventType);
    }
}
