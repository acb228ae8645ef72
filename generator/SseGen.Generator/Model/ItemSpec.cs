namespace SseGen.Generator.Model
{
    /// <summary>The items of an endpoint.</summary>
    /// <param name="Kind">How each item is written.</param>
    /// <param name="ItemType">The enumerable's item type as declared, nullable annotation included.</param>
    /// <param name="Data">The type serialized as JSON (the item, or the <c>SseItem</c>'s data); <see langword="null"/> for text and unions.</param>
    /// <param name="EventType">The event type for items that carry none: the attribute's, or the item type's <c>[SseEvent]</c>.</param>
    /// <param name="Cases">For <see cref="ItemKind.Union"/>, the derived types, most derived first, then by name.</param>
    /// <param name="IsEncodedFrame">
    /// The items are <c>SseFrame</c>s (<see cref="ItemType"/>), written as they are, already encoded: the method returns a
    /// topic's <c>SseSubscription&lt;T&gt;</c>, whose <c>T</c> <see cref="Kind"/>, <see cref="Data"/> and <see cref="Cases"/>
    /// describe for the API description and clients; or <c>IAsyncEnumerable&lt;SseFrame&gt;</c>, a relay's events of any
    /// type, described as <see cref="ItemKind.SseItemString"/>.
    /// </param>
    internal sealed record ItemSpec(
        ItemKind Kind,
        TypeRef ItemType,
        TypeRef? Data,
        string? EventType,
        EquatableArray<EventCaseSpec> Cases,
        bool IsEncodedFrame = false);
}
