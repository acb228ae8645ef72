using Microsoft.Extensions.Logging;

namespace SseGen;

/// <summary>The broadcast topics' log messages; their event ids (20 to 29) stay clear of <see cref="Log"/>'s.</summary>
internal static partial class TopicLog
{
    // A slow client is routine on the internet, and it resumes from the history: not a warning.
    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "SSE topic '{Topic}': a subscriber's queue reached its bound ({QueueCapacity} events or {QueueMaxBytes} bytes); action {Action}")]
    public static partial void SubscriberOverflowed(ILogger logger, string topic, int queueCapacity, long queueMaxBytes, SseOverflowPolicy action);

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug, Message = "SSE topic '{Topic}': a resume from '{LastEventId}' got history-lost (not held, or more than one resume may replay)")]
    public static partial void HistoryLost(ILogger logger, string topic, string lastEventId);

    [LoggerMessage(EventId = 22, Level = LogLevel.Debug, Message = "SSE topic '{Topic}' was evicted from its full registry ({MaxTopics} topics) as the least recently used with no subscriber")]
    public static partial void TopicEvicted(ILogger logger, string topic, int maxTopics);

    // The subscribers that waited for it got the exception; the next one tries again.
    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "SSE topic '{Topic}': following it through the backplane failed")]
    public static partial void FollowFailed(ILogger logger, string topic, Exception exception);

    // Only SseGen writes the topic's log, so an entry that is not whole frames was written by something else, or damaged.
    [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "SSE topic '{Topic}': the backplane's entry '{Id}' is not a whole event written by SseGen; it was not delivered")]
    public static partial void ForeignEntryDropped(ILogger logger, string topic, string id);
}
