namespace SseGen;

/// <summary>
/// Endpoint metadata describing the events of a generated SSE endpoint, for API descriptions such as OpenAPI.
/// </summary>
/// <remarks>
/// Every generated endpoint carries one. It depends on no OpenAPI library: a document transformer reads it, for example to
/// document a typed union as a <c>oneOf</c> of its event types, each under its event name.
/// </remarks>
public sealed class SseStreamMetadata
{
    /// <summary>Describes a stream whose events are <paramref name="events"/>.</summary>
    /// <param name="events">One entry per kind of event: one for a plain stream, one per derived type of a typed union.</param>
    public SseStreamMetadata(params SseEventMetadata[] events)
    {
        ArgumentNullException.ThrowIfNull(events);
        Events = events;
    }

    /// <summary>The kinds of event the stream writes, in the order of the generated type switch.</summary>
    public IReadOnlyList<SseEventMetadata> Events { get; }
}
