namespace SseGen.Client;

/// <summary>What one logical stream carries from connection to connection: its last event id, the server's retry, its failures.</summary>
internal sealed class SseConnectionState(string? lastEventId, SseClientOptions options)
{
    private TimeSpan? _serverRetry;

    /// <summary>The id sent as <c>Last-Event-ID</c> on the next connection.</summary>
    public string? LastEventId { get; private set; } = lastEventId;

    /// <summary>Whether the stream carried an id, so a clean end means "reconnect and resume", not "done".</summary>
    public bool Resumable { get; private set; } = lastEventId is { Length: > 0 };

    /// <summary>Attempts in a row that delivered nothing.</summary>
    public int FailedAttempts { get; private set; }

    /// <summary>
    /// Takes the last event id of an event that was dispatched (the spec keeps it across events without an <c>id:</c>);
    /// an empty one is the server resetting it, so the next connection sends no <c>Last-Event-ID</c>.
    /// </summary>
    public void ObserveId(string? eventId)
    {
        if (eventId is null)
        {
            return;
        }

        LastEventId = eventId.Length == 0 ? null : eventId;
        Resumable |= eventId.Length > 0;
    }

    /// <summary>Takes the server's reconnection time, which applies as soon as its field is read.</summary>
    public void ObserveRetry(TimeSpan reconnectionInterval)
    {
        // SseParser reports its default (Timeout.InfiniteTimeSpan) until the server sends retry:.
        if (reconnectionInterval >= TimeSpan.Zero)
        {
            _serverRetry = reconnectionInterval;
        }
    }

    /// <summary>
    /// The wait before the next attempt: the server's retry (else the configured delay) after a connection that delivered,
    /// growing exponentially with jitter while attempts keep failing, so a fleet of clients does not reconnect in step.
    /// </summary>
    public TimeSpan NextDelay(bool delivered, TimeSpan? retryAfter)
    {
        TimeSpan baseDelay = _serverRetry ?? options.ReconnectDelay;
        if (delivered)
        {
            FailedAttempts = 0;
            return baseDelay;
        }

        FailedAttempts++;
        double grown = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(FailedAttempts - 1, 30));
        double capped = Math.Min(grown, Math.Max(options.MaxReconnectDelay.TotalMilliseconds, baseDelay.TotalMilliseconds));

        // "Equal jitter": at least half the delay, so backoff still backs off, the rest random.
        double jittered = (capped / 2) + (Random.Shared.NextDouble() * capped / 2);
        TimeSpan delay = TimeSpan.FromMilliseconds(jittered);
        return retryAfter is { } after && after > delay ? after : delay;
    }
}
