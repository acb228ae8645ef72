using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SseGen.TestApp;

/// <summary>A broadcast chat: one topic per room, every subscriber of a room sharing each event's one encoding.</summary>
public static class Topics
{
    /// <summary>Each subscription's <c>retry:</c> is drawn from [1000, 1500) ms, so reconnects after a deploy spread out.</summary>
    public const long RetryMilliseconds = 1000;

    /// <summary>Small, so a client that stops reading overflows its queue after a few large events.</summary>
    public const int QueueCapacity = 8;

    /// <summary>A room that is not one name segment (<c>..%2Fother</c>, a control character) is a 400 before the stream.</summary>
    [SseEndpoint("/topics/chat/{room}")]
    public static SseSubscription<ChatEvent> Chat([SseTopicSegment] string room, [LastEventId] string? lastEventId, SseTopics<ChatEvent> topics, CancellationToken ct) =>
        topics.Get(SseTopicName.Join("chat", room)).SubscribeAsync(lastEventId, ct);

    /// <summary>
    /// The same without <c>[SseTopicSegment]</c>: <see cref="SseTopicName.Join"/> throws in the method's body, before the
    /// stream, and the generated endpoint answers 400 all the same (not naming the parameter).
    /// </summary>
    [SseEndpoint("/topics/plain/{room}")]
    public static SseSubscription<ChatEvent> Plain(string room, [LastEventId] string? lastEventId, SseTopics<ChatEvent> topics, CancellationToken ct) =>
        topics.Get(SseTopicName.Join("chat", room)).SubscribeAsync(lastEventId, ct);

    /// <summary>
    /// An async iterator that builds the name before its first item: <see cref="SseTopicName.Join"/> throws in the first
    /// move, before anything is written, and the stream answers 400 instead of starting.
    /// </summary>
    [SseEndpoint("/topics/relayed/{room}")]
    public static async IAsyncEnumerable<SseFrame> Relayed(string room, SseTopics<ChatEvent> topics, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (SseFrame frame in topics.Get(SseTopicName.Join("chat", room)).SubscribeAsync(null, ct))
        {
            yield return frame;
        }
    }

    /// <summary>
    /// The union's writer: each case under its own event name, with its contract from the app's JSON options (as the
    /// generated endpoints take theirs), and the topic's id.
    /// </summary>
    public static void Configure(SseTopicOptions<ChatEvent> options, JsonSerializerOptions json)
    {
        var joinedInfo = (JsonTypeInfo<Joined>)json.GetTypeInfo(typeof(Joined));
        var saidInfo = (JsonTypeInfo<Said>)json.GetTypeInfo(typeof(Said));
        options.Writer = (writer, value, id) =>
        {
            switch (value)
            {
                case Joined joined:
                    writer.WriteJsonEvent(joined, joinedInfo, "joined", id);
                    break;
                case Said said:
                    writer.WriteJsonEvent(said, saidInfo, "said", id);
                    break;
                default:
                    throw new ArgumentException($"No event type for {value.GetType().Name}.", nameof(value));
            }
        };
        options.RetryMilliseconds = RetryMilliseconds;
        options.RetryJitter = 0.5;
        options.QueueCapacity = QueueCapacity;
        options.HistoryMaxBytes = 64L * 1024 * 1024;
        options.MaxResumeBytes = 64L * 1024 * 1024;
    }
}
