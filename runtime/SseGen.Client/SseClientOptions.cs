namespace SseGen.Client;

/// <summary>How an <see cref="SseClient"/> reconnects, backs off and detects a connection that went silent.</summary>
public sealed record SseClientOptions
{
    /// <summary>The options every client starts with.</summary>
    public static SseClientOptions Default { get; } = new();

    /// <summary>
    /// The wait before reconnecting until the server sends <c>retry:</c>; the WHATWG spec leaves it to the client and
    /// browsers use a few seconds. Default 3 s.
    /// </summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The longest wait between two attempts when failures repeat and back off exponentially. Default 60 s.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How many attempts in a row may fail (no connection, a 5xx, a 429/503, a stream that broke before its first event)
    /// before the client gives up with <see cref="SseClientException"/>; <see langword="null"/> retries for ever. Default 10.
    /// </summary>
    public int? MaxFailedAttempts { get; init; } = 10;

    /// <summary>
    /// How long the stream may stay silent (no event, no heartbeat comment, no byte at all) before the connection counts
    /// as half-open and is replaced by a new one; <see langword="null"/> waits for ever. Default 45 s: three of SseGen's
    /// 15 s heartbeats.
    /// </summary>
    public TimeSpan? IdleTimeout { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>Whether a stream that ended cleanly and never carried an id is over (the default) rather than reconnected.</summary>
    /// <remarks>A stream with ids is resumable, so its clean end is a reconnect, as in the browser's <c>EventSource</c>.</remarks>
    public bool ReconnectAfterCleanEndWithoutIds { get; init; }
}
