using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SseGen;

/// <summary>Chooses, once per stream, how an <see cref="SseStream{T}"/> writes each item.</summary>
internal static class SseItemWriters
{
    /// <summary>Whether <paramref name="type"/> is an <see cref="SseItem{T}"/>, whose items carry their own event type and id.</summary>
    public static bool IsSseItem(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(SseItem<>);

    /// <summary>
    /// Text for <see cref="string"/> and <see cref="SseItem{T}"/> of <see cref="string"/>, else JSON with the app's minimal-API
    /// contracts. An <see cref="SseItem{T}"/> of other data never gets here: <see cref="SseResults"/> resolves it through
    /// its own overload, where the data type is known without reflection.
    /// </summary>
    public static Action<SseFrameWriter, T> ForAppJson<T>(IServiceProvider services, string? eventType)
    {
        // typeof comparisons fold away per instantiation; the casts are identity casts at run time.
        if (typeof(T) == typeof(string))
        {
            return (Action<SseFrameWriter, T>)(object)Text(eventType);
        }

        if (typeof(T) == typeof(SseItem<string>))
        {
            return (Action<SseFrameWriter, T>)(object)SseItemText();
        }

        return Json<T>(SseEndpointBinding.GetJsonOptions(services), typeInfo: null, eventType);
    }

    /// <summary>Each item under its own event type, id and reconnection interval: text data as text, else JSON with the app's contract.</summary>
    public static Action<SseFrameWriter, SseItem<TData>> ForAppJsonSseItems<TData>(IServiceProvider services)
    {
        if (typeof(TData) == typeof(string))
        {
            return (Action<SseFrameWriter, SseItem<TData>>)(object)SseItemText();
        }

        return SseItemJson(JsonContracts.Resolve<TData>(SseEndpointBinding.GetJsonOptions(services)));
    }

    /// <summary>Each item as JSON with <paramref name="typeInfo"/>, or with the app's contract when it is <see langword="null"/>.</summary>
    public static Action<SseFrameWriter, T> Json<T>(JsonSerializerOptions options, JsonTypeInfo<T>? typeInfo, string? eventType) =>
        new JsonItemWriter<T>(options, typeInfo, eventType).Write;

    /// <summary>Each item's data as text under its own event type, id and reconnection interval.</summary>
    public static Action<SseFrameWriter, SseItem<string>> SseItemText() => static (frames, item) => frames.WriteItem(item);

    /// <summary>Each item's data as JSON with <paramref name="typeInfo"/>, under its own event type, id and reconnection interval.</summary>
    public static Action<SseFrameWriter, SseItem<TData>> SseItemJson<TData>(JsonTypeInfo<TData> typeInfo) =>
        (frames, item) => frames.WriteItem(item, typeInfo);

    private static Action<SseFrameWriter, string> Text(string? eventType) =>
        (frames, item) => frames.WriteEvent(item.AsSpan(), eventType);
}
