using Microsoft.Extensions.Logging;

namespace SseGen.Client;

/// <summary>The client's log messages, with stable event ids (category <c>SseGen.Client</c>).</summary>
internal static partial class ClientLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "SSE stream '{Uri}' connected (Last-Event-ID: '{LastEventId}')")]
    public static partial void Connected(ILogger logger, Uri uri, string? lastEventId);

    // A dropped connection is the normal life of a long stream: the client resumes, so this is not a warning.
    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "SSE stream '{Uri}' {Reason}; reconnecting in {DelayMs:F0} ms from Last-Event-ID '{LastEventId}' (attempt {Attempt})")]
    public static partial void Reconnecting(ILogger logger, Uri uri, string reason, double delayMs, string? lastEventId, int attempt);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "SSE stream '{Uri}' ended: {Reason}")]
    public static partial void Ended(ILogger logger, Uri uri, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "SSE stream '{Uri}' skipped an event of unknown type '{EventType}'")]
    public static partial void UnknownEventSkipped(ILogger logger, Uri uri, string eventType);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "SSE stream '{Uri}' gave up after {Attempts} failed attempts in a row")]
    public static partial void GaveUp(ILogger logger, Exception? exception, Uri uri, int attempts);
}
