using static SseGen.Tests.Broadcast.TopicTestKit;

namespace SseGen.Tests.Broadcast;

public sealed class SseTopicConcurrencyTests
{
    private const int Publishers = 4;
    private const int EventsPerPublisher = 300;
    private const int Total = Publishers * EventsPerPublisher;

    [Fact]
    public async Task ManyPublishersAndSubscribers_EverySubscriberGetsEveryEventOnceInIdOrder()
    {
        var converter = new CountingTickConverter();
        SseTopic<Tick> topic = Topic(o => { o.TypeInfo = CountingTypeInfo(converter); o.QueueCapacity = Total; o.HistoryCapacity = Total; o.MaxResumeEvents = Total; });
        CancellationToken timeout = TestTimeout.After(60);

        // Live subscribers from the start, and resuming ones that join mid-way from an id they saw.
        var readers = Enumerable.Range(0, 6).Select(_ => ReadAsync(topic, null, 0, timeout)).ToList();
        Task[] publishers = [.. Enumerable.Range(0, Publishers).Select(p => Task.Run(async () =>
        {
            for (int i = 0; i < EventsPerPublisher; i++)
            {
                await topic.PublishAsync(new Tick((p * EventsPerPublisher) + i, "c"), timeout);
            }
        }, timeout))];
        var resumers = new List<Task<List<long>>>();
        for (int i = 0; i < 6; i++)
        {
            // Wherever the publishers are now, but never past the end, so each resumer has events to wait for.
            string now = topic.LastEventId;
            long after = Math.Min(long.Parse(now[(now.IndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture), Total - 1 - i);
            string lastEventId = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{now[..now.IndexOf('-')]}-{after}");
            resumers.Add(ReadAsync(topic, lastEventId, after, timeout));
            await Task.Yield();
        }

        await Task.WhenAll(publishers);

        Assert.Equal(Total, converter.Writes);
        foreach (Task<List<long>> reader in readers)
        {
            Assert.Equal(Enumerable.Range(1, Total).Select(i => (long)i), await reader);
        }

        foreach (Task<List<long>> resumer in resumers)
        {
            List<long> sequences = await resumer;
            Assert.Equal(Enumerable.Range((int)sequences[0], Total - (int)sequences[0] + 1).Select(i => (long)i), sequences);
        }
    }

    /// <summary>Reads until the last event; the first frame after <paramref name="after"/> must follow it directly.</summary>
    private static Task<List<long>> ReadAsync(SseTopic<Tick> topic, string? lastEventId, long after, CancellationToken timeout)
    {
        SseSubscription<Tick> subscription = topic.SubscribeAsync(lastEventId, timeout);
        IAsyncEnumerator<SseFrame> reader = subscription.GetAsyncEnumerator(timeout);

        // Joined before the task runs: MoveNextAsync attaches synchronously.
        ValueTask<bool> first = reader.MoveNextAsync();
        return Task.Run(async () =>
        {
            var sequences = new List<long>();
            await using (reader)
            {
                bool more = await first;
                while (more)
                {
                    sequences.Add(Sequence(reader.Current));
                    if (sequences[^1] == Total)
                    {
                        break;
                    }

                    more = await reader.MoveNextAsync();
                }
            }

            if (lastEventId is not null && sequences.Count > 0)
            {
                Assert.Equal(after + 1, sequences[0]);
            }

            return sequences;
        }, timeout);
    }
}
