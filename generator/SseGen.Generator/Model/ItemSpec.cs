namespace SseGen.Generator.Model
{
    /// <summary>The items of an endpoint.</summary>
    /// <param name="Kind">How each item is written.</param>
    /// <param name="ItemType">The enumerable's item type as declared, nullable annotation included.</param>
    /// <param name="DataType">The type serialized as JSON (the item, or the <c>SseItem</c>'s data), as declared; empty for text.</param>
    /// <param name="DataTypeOf"><see cref="DataType"/> without a nullable annotation, as <c>typeof</c> needs it.</param>
    /// <param name="EventType">The event type for items that carry none: the attribute's, or the item type's <c>[SseEvent]</c>.</param>
    /// <param name="Cases">For <see cref="ItemKind.Union"/>, the derived types, most derived first, then by name.</param>
    internal sealed record ItemSpec(
        ItemKind Kind,
        string ItemType,
        string DataType,
        string DataTypeOf,
        string? EventType,
        EquatableArray<EventCaseSpec> Cases);
}
