using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static SseGen.Tests.Broadcast.TopicTestKit;

namespace SseGen.Tests.Broadcast;

/// <summary>Subscribers joining and leaving in any order: each one that stays is fed, each one that left is not.</summary>
public sealed class SseTopicMembershipTests
{
    [Fact]
    public async Task ClientThatLeaves_AnIdleSubscriptionOnItsOwnRequestAborted_LeavesTheTopic()
    {
        // The subscription's token is the connection's own, as the generated endpoints pass it, and so is the stream's
        // items token: nothing is registered on it, and the stream's monitor wakes the waiting enumerator within a tick
        // of the connection going (heartbeats off, so no write finds out first).
        SseTopic<Tick> topic = Topic();
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
            web.MapGet("/ticks", async (HttpContext context) =>
            {
                try
                {
                    await SseResponse.StreamAsync(context, topic.SubscribeAsync(null, context.RequestAborted), static (w, frame) => w.WriteFrame(frame), new SseStreamOptions { HeartbeatInterval = TimeSpan.Zero }, context.RequestAborted);
                }
                finally
                {
                    ended.TrySetResult();
                }
            }));
        CancellationToken ct = TestTimeout.After(20);
        NetworkStream stream = await app.SendGetAsync("/ticks", ct);
        var reader = new StrictChunkedReader(stream);
        (string status, _) = await reader.ReadResponseHeadAsync(ct);
        Assert.Equal("HTTP/1.1 200 OK", status);
        for (int i = 0; i < 200 && topic.SubscriberCount == 0; i++)
        {
            await Task.Delay(10, ct);
        }

        Assert.Equal(1, topic.SubscriberCount);
        await stream.DisposeAsync();

        await ended.Task.WaitAsync(ct);
        Assert.Equal(0, topic.SubscriberCount);
    }

    [Fact]
    public async Task LeavingInAnyOrder_KeepsEveryOtherSubscriberFed_AndCountsRight()
    {
        SseTopic<Tick> topic = Topic();
        var readers = new List<IAsyncEnumerator<SseFrame>>();
        for (int i = 0; i < 200; i++)
        {
            readers.Add(topic.SubscribeAsync(null, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken));
        }

        // Leave the first, the last, and every third in between, in a shuffled order.
        var leaving = Enumerable.Range(0, 200).Where(i => i == 0 || i == 199 || i % 3 == 1).ToList();
        foreach (int i in leaving.OrderBy(i => (i * 7919) % 200))
        {
            await readers[i].DisposeAsync();
        }

        Assert.Equal(200 - leaving.Count, topic.SubscriberCount);
        SseFrame published = await topic.PublishAsync(new Tick(1, "e"), TestContext.Current.CancellationToken);

        for (int i = 0; i < 200; i++)
        {
            if (leaving.Contains(i))
            {
                Assert.False(await readers[i].MoveNextAsync());
                continue;
            }

            Assert.Same(published, await NextReadyAsync(readers[i]));
        }

        foreach (int i in Enumerable.Range(0, 200).Except(leaving))
        {
            await readers[i].DisposeAsync();
        }

        Assert.Equal(0, topic.SubscriberCount);

        // A topic left by all takes new subscribers again.
        await using IAsyncEnumerator<SseFrame> late = topic.SubscribeAsync(null, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        SseFrame next = await topic.PublishAsync(new Tick(2, "e"), TestContext.Current.CancellationToken);
        Assert.Same(next, await NextReadyAsync(late));
        Assert.Equal(1, topic.SubscriberCount);
    }
}
