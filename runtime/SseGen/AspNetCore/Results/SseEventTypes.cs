using System.Collections.Concurrent;
using System.Reflection;

namespace SseGen;

/// <summary>The <see cref="SseEventAttribute"/> event type of each item type an <see cref="SseStream{T}"/> has written.</summary>
internal static class SseEventTypes
{
    // Keyed by the application's own types, never by request input, so it is bounded by the types the app has.
    private static readonly ConcurrentDictionary<Type, string?> ByType = new();

    /// <summary>The event type <paramref name="type"/> names with <see cref="SseEventAttribute"/>, or <see langword="null"/>.</summary>
    public static string? Of(Type type) =>
        ByType.GetOrAdd(type, static t => t.GetCustomAttribute<SseEventAttribute>(inherit: false)?.EventType);
}
