using Microsoft.Extensions.Logging;

namespace SseGen;

/// <summary>SseGen's log messages, with stable event ids.</summary>
internal static partial class Log
{
    // A client that goes away is the normal end of an event stream, not an error.
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "SSE client disconnected from '{Endpoint}' after {EventCount} events")]
    public static partial void ClientDisconnected(ILogger logger, string endpoint, long eventCount);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "SSE stream '{Endpoint}' ended after {EventCount} events: the client did not read within the send timeout")]
    public static partial void SendTimedOut(ILogger logger, string endpoint, long eventCount);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "SSE stream '{Endpoint}' was cancelled after {EventCount} events (host shutdown or caller)")]
    public static partial void StreamCancelled(ILogger logger, string endpoint, long eventCount);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "SSE stream '{Endpoint}' started")]
    public static partial void StreamStarted(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "SSE stream '{Endpoint}' ended after {EventCount} events in {DurationMs:F0} ms")]
    public static partial void StreamEnded(ILogger logger, string endpoint, long eventCount, double durationMs);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "SSE stream '{Endpoint}' was aborted after {EventCount} events: the client did not take them within the host's shutdown timeout")]
    public static partial void ShutdownTimedOut(ILogger logger, string endpoint, long eventCount);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "SSE stream '{Endpoint}' is served over HTTP/1.0, which has no chunked framing: its body ends only when the connection closes, which proxies that re-frame bodies break. Make the client or the proxy in front speak HTTP/1.1 to this server (nginx: 'proxy_http_version 1.1;'). Logged once per endpoint")]
    public static partial void Http10Client(ILogger logger, string endpoint);

    // The client sent a value that cannot be a topic name: its error, answered with 400, not the server's.
    [LoggerMessage(EventId = 9, Level = LogLevel.Debug, Message = "SSE stream '{Endpoint}' answered 400 before it started: {Reason}")]
    public static partial void TopicNameRejected(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "SSE stream '{Endpoint}' failed after {EventCount} events; the stream was ended cleanly so the client can reconnect")]
    public static partial void StreamFailed(ILogger logger, Exception exception, string endpoint, long eventCount);
}
