namespace SseGen;

/// <summary>Writes one published value of a topic as one event that carries <paramref name="id"/>.</summary>
/// <typeparam name="T">The topic's event type.</typeparam>
/// <param name="writer">Writes the frame.</param>
/// <param name="value">The published value.</param>
/// <param name="id">The id the topic gave the event; it must be the event's <c>id:</c> field, or resume cannot work.</param>
/// <remarks>A typed union picks the event type and contract of the value's runtime type here.</remarks>
public delegate void SseTopicWriter<in T>(SseFrameWriter writer, T value, string id);
