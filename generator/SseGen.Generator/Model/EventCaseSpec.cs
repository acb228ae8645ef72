namespace SseGen.Generator.Model
{
    /// <summary>One derived type of a typed union and the event type it is written under.</summary>
    /// <param name="Type">The derived type.</param>
    /// <param name="Name">The type's simple name, for readable field names.</param>
    /// <param name="EventType">The event type from its <c>[SseEvent]</c>.</param>
    internal sealed record EventCaseSpec(TypeRef Type, string Name, string EventType);
}
