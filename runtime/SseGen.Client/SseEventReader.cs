namespace SseGen.Client;

/// <summary>Turns one event's type and UTF-8 data into a value; returns <see langword="false"/> for an event type it does not know.</summary>
/// <typeparam name="T">The value each known event becomes.</typeparam>
/// <param name="eventType">The event's type (<c>message</c> when the event had no <c>event:</c> field).</param>
/// <param name="data">The event's data, its lines joined with LF.</param>
/// <param name="value">The value, when the event type is known.</param>
/// <returns><see langword="true"/> when <paramref name="eventType"/> is known; unknown events are skipped and counted.</returns>
public delegate bool SseEventReader<T>(string eventType, ReadOnlySpan<byte> data, out T value);
