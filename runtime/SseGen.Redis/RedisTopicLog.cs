using Microsoft.Extensions.Logging;

namespace SseGen.Redis;

/// <summary>The Redis topics' log messages, in the topics' range of event ids (20 to 29).</summary>
internal static partial class RedisTopicLog
{
    // Subscribers of the topic on this server wait meanwhile; the next read catches up, so nothing is lost.
    [LoggerMessage(EventId = 25, Level = LogLevel.Warning, Message = "SSE topic '{Topic}': reading its Redis stream failed; trying again after the poll interval")]
    public static partial void ReadFailed(ILogger logger, string topic, Exception exception);
}
