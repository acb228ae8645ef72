namespace SseGen.IntegrationTests.Broadcast;

/// <summary>
/// Waits for a topic's subscribers to come or go over the network, with a bound, instead of a sleep: the server joins a
/// subscriber when its stream starts, and events published before that are not live for it.
/// </summary>
internal static class TopicWaits
{
    /// <summary>Waits until <paramref name="topic"/> has <paramref name="count"/> subscribers (at most 10 s), then asserts it.</summary>
    public static async Task ForSubscribersAsync<T>(SseTopic<T> topic, int count)
    {
        for (int i = 0; i < 1000 && topic.SubscriberCount != count; i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.Equal(count, topic.SubscriberCount);
    }
}
