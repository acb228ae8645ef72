namespace SseGen.Generator.Model
{
    /// <summary>The items of an endpoint.</summary>
    /// <param name="Kind">How each item is written.</param>
    /// <param name="ItemType">The enumerable's item type as declared, nullable annotation included.</param>
    /// <param name="Data">The type serialized as JSON (the item, or the <c>SseItem</c>'s data); <see langword="null"/> for text and unions.</param>
    /// <param name="EventType">The event type for items that carry none: the attribute's, or the item type's <c>[SseEvent]</c>.</param>
    /// <param name="Cases">For <see cref="ItemKind.Union"/>, the derived types, most derived first, then by name.</param>
    /// <param name="IsTopicFrame">
    /// The method returns a topic's <c>SseSubscription&lt;T&gt;</c>: the items are <c>SseFrame</c>s (<see cref="ItemType"/>),
    /// written as they are, already encoded; <see cref="Kind"/>, <see cref="Data"/> and <see cref="Cases"/> describe <c>T</c>,
    /// for the API description and clients.
    /// </param>
    internal sealed record ItemSpec(
        ItemKind Kind,
        TypeRef ItemType,
        TypeRef? Data,
        string? EventType,
        EquatableArray<EventCaseSpec> Cases,
        bool IsTopicFrame = false);
}
