namespace SseGen;

/// <summary>One kind of event of a generated SSE endpoint: its event name and the type its data is written from.</summary>
public sealed class SseEventMetadata
{
    /// <summary>Describes events named <paramref name="eventType"/> whose data is a <paramref name="dataType"/>.</summary>
    /// <param name="eventType">The <c>event:</c> name; <see langword="null"/> when each item carries its own (<c>SseItem&lt;T&gt;</c>).</param>
    /// <param name="dataType">The type written as the event's data: <see cref="string"/> for text, else the type serialized as JSON.</param>
    public SseEventMetadata(string? eventType, Type dataType)
    {
        ArgumentNullException.ThrowIfNull(dataType);
        EventType = eventType;
        DataType = dataType;
    }

    /// <summary>
    /// The <c>event:</c> name clients dispatch the event under (<c>message</c> when the endpoint sets none),
    /// or <see langword="null"/> when each item carries its own.
    /// </summary>
    public string? EventType { get; }

    /// <summary>The type written as the event's data: <see cref="string"/> for text, else the type serialized as JSON.</summary>
    public Type DataType { get; }
}
