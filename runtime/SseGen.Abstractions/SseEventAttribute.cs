namespace SseGen;

/// <summary>
/// Gives instances of a type the event type <see cref="EventType"/> when an endpoint sends them,
/// so one stream can carry several kinds of events under a common base type.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class SseEventAttribute : Attribute
{
    /// <summary>Creates the attribute with the event type <paramref name="eventType"/>.</summary>
    /// <param name="eventType">The SSE event type; it must not be empty or contain CR, LF or NUL.</param>
    public SseEventAttribute(string eventType) => EventType = eventType;

    /// <summary>The SSE event type (the <c>event:</c> field) of the type's instances.</summary>
    public string EventType { get; }
}
