using System.Net.ServerSentEvents;

namespace SseGen;

/// <summary>
/// A log of named event streams that gives each event an id, so a client that reconnects with <c>Last-Event-ID</c>
/// receives every event it missed, exactly once, and then the live ones.
/// </summary>
/// <remarks>
/// Publish with <see cref="AppendAsync"/>; serve with <see cref="ReadAsync"/> from an <see cref="SseEndpointAttribute"/>
/// method that binds <see cref="LastEventIdAttribute"/>. An id the store no longer holds (evicted, or from before a
/// restart) yields one <see cref="HistoryLostEventType"/> event, whose id moves the client to now, and then live events.
/// </remarks>
public interface ISseReplayStore
{
    /// <summary>The event type of the event that tells a client it missed events the store no longer holds.</summary>
    const string HistoryLostEventType = "history-lost";

    /// <summary>Appends an event to <paramref name="stream"/> and wakes its readers.</summary>
    /// <param name="stream">The stream's name, for example <c>chat/lobby</c>.</param>
    /// <param name="data">The event's data.</param>
    /// <param name="eventType">The event's type; <see langword="null"/> for <c>message</c>.</param>
    /// <param name="cancellationToken">Cancels the append.</param>
    /// <returns>The id the store gave the event; ids increase along a stream.</returns>
    /// <exception cref="ArgumentException"><paramref name="eventType"/> contains CR or LF; nothing was appended.</exception>
    ValueTask<string> AppendAsync(string stream, string data, string? eventType = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The events of <paramref name="stream"/> after <paramref name="lastEventId"/>, then live events until cancelled.
    /// With no <paramref name="lastEventId"/> only live events are read.
    /// </summary>
    /// <param name="stream">The stream's name.</param>
    /// <param name="lastEventId">The client's <c>Last-Event-ID</c>, or <see langword="null"/> for a new client.</param>
    /// <param name="cancellationToken">Ends the reading (a client disconnect).</param>
    /// <returns>Items with their ids, ready to be written by an endpoint.</returns>
    IAsyncEnumerable<SseItem<string>> ReadAsync(string stream, string? lastEventId, CancellationToken cancellationToken = default);
}
