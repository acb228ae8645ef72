using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static SseGen.Tests.Broadcast.TopicTestKit;

namespace SseGen.Tests.Broadcast;

public sealed class SseTopicSlowSubscriberTests
{
    [Fact]
    public async Task NeverReadingSubscriber_DoesNotHoldUpPublishOrOthers_AndStaysWithinItsBound()
    {
        SseTopic<Tick> topic = Topic(o => o.QueueCapacity = 8);
        SseSubscription<Tick> slow = topic.SubscribeAsync(null, TestContext.Current.CancellationToken);
        await using IAsyncEnumerator<SseFrame> slowReader = slow.GetAsyncEnumerator(TestContext.Current.CancellationToken);
        ValueTask<bool> slowFirst = slowReader.MoveNextAsync();
        await using IAsyncEnumerator<SseFrame> fast = topic.SubscribeAsync(null, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        var received = new List<SseFrame>();
        ValueTask<bool> fastPending = fast.MoveNextAsync();

        // The slow reader takes the first event, then never moves again.
        await topic.PublishAsync(new Tick(0, "e"), TestContext.Current.CancellationToken);
        Assert.True(await slowFirst);
        Assert.Equal(1, Sequence(slowReader.Current));
        for (int i = 1; i < 100; i++)
        {
            ValueTask<SseFrame> publish = topic.PublishAsync(new Tick(i, "e"), TestContext.Current.CancellationToken);

            // Publishing never waits for a reader.
            Assert.True(publish.IsCompletedSuccessfully);
            Assert.InRange(slow.QueuedCount, 0, 8);
            Assert.True(await fastPending);
            received.Add(fast.Current);
            received.AddRange(TakeReady(fast, out fastPending));
        }

        Assert.Equal(Enumerable.Range(1, 100), received.Select(f => (int)Sequence(f)));
        Assert.Equal(SseTopicEndReason.EndedSlow, slow.EndReason);
        Assert.Equal(0, slow.QueuedCount);
        Assert.Equal(0, slow.QueuedBytes);
        Assert.Equal(1, topic.SubscriberCount);

        // The slow stream ends after what it took: its client resumes from the history.
        Assert.False(await slowReader.MoveNextAsync());
    }

    [Fact]
    public async Task NeverReadingSubscriber_StaysWithinItsByteBound()
    {
        SseTopic<Tick> sizing = Topic();
        int size = (await sizing.PublishAsync(new Tick(10, "e"), TestContext.Current.CancellationToken)).Utf8.Length;
        SseTopic<Tick> topic = Topic(o => o.QueueMaxBytes = size * 3);
        SseSubscription<Tick> slow = topic.SubscribeAsync(null, TestContext.Current.CancellationToken);
        await using IAsyncEnumerator<SseFrame> reader = slow.GetAsyncEnumerator(TestContext.Current.CancellationToken);
        ValueTask<bool> first = reader.MoveNextAsync();
        Assert.True(first.IsCompleted is false);
        await topic.PublishAsync(new Tick(10, "e"), TestContext.Current.CancellationToken);
        Assert.True(await first);

        int maxQueued = 0;
        for (int i = 11; i < 20 && slow.EndReason == SseTopicEndReason.None; i++)
        {
            await topic.PublishAsync(new Tick(i, "e"), TestContext.Current.CancellationToken);
            Assert.InRange(slow.QueuedBytes, 0, size * 3);
            maxQueued = Math.Max(maxQueued, slow.QueuedCount);
        }

        Assert.Equal(3, maxQueued);
        Assert.Equal(SseTopicEndReason.EndedSlow, slow.EndReason);
    }

    [Fact]
    public async Task DisconnectPolicy_ThroughTheStream_AbortsTheClientsConnection_RatherThanEndingTheBody()
    {
        // End to end: the stream hands its request to the subscription, and the topic aborts that connection. Were it
        // not handed over, the stream would end its body cleanly (with the last chunk) once the topic dropped it.
        SseTopic<Tick> topic = Topic(o => { o.QueueCapacity = 2; o.OverflowPolicy = SseOverflowPolicy.Disconnect; });
        var subscribed = new TaskCompletionSource<SseSubscription<Tick>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
            web.MapGet("/ticks", async (HttpContext context) =>
            {
                try
                {
                    SseSubscription<Tick> subscription = topic.SubscribeAsync(null, context.RequestAborted);
                    subscribed.TrySetResult(subscription);
                    await SseResponse.StreamAsync(context, subscription, static (w, frame) => w.WriteFrame(frame), new SseStreamOptions { HeartbeatInterval = TimeSpan.Zero }, context.RequestAborted);
                }
                finally
                {
                    ended.TrySetResult();
                }
            }));
        CancellationToken ct = TestTimeout.After(30);
        await using NetworkStream stream = await app.SendGetAsync("/ticks", ct);
        stream.Socket.ReceiveBufferSize = 4096;
        var reader = new StrictChunkedReader(stream);
        Assert.Equal("HTTP/1.1 200 OK", (await reader.ReadResponseHeadAsync(ct)).Status);
        SseSubscription<Tick> slow = await subscribed.Task.WaitAsync(ct);
        for (int i = 0; i < 200 && topic.SubscriberCount == 0; i++)
        {
            await Task.Delay(10, ct);
        }

        // The client reads no more: large events fill the socket and Kestrel's buffer, then the topic's bound of two.
        string large = new('x', 60_000);
        for (int i = 0; i < 400 && slow.EndReason == SseTopicEndReason.None; i++)
        {
            await topic.PublishAsync(new Tick(i, large), ct);
        }

        Assert.Equal(SseTopicEndReason.Disconnected, slow.EndReason);
        await ended.Task.WaitAsync(ct);
        await Assert.ThrowsAnyAsync<Exception>(async () => await reader.ReadToEndAsync(ct));
    }

    [Fact]
    public async Task DisconnectPolicy_AbortsTheConnection_OfTheSlowSubscriberOnly()
    {
        SseTopic<Tick> topic = Topic(o => { o.QueueCapacity = 2; o.OverflowPolicy = SseOverflowPolicy.Disconnect; });
        var slowConnection = new AbortCountingContext();
        var fastConnection = new AbortCountingContext();
        SseSubscription<Tick> slow = topic.SubscribeAsync(null, TestContext.Current.CancellationToken);
        ((IAbortableItems)slow).Connection = slowConnection.Context;
        SseSubscription<Tick> fast = topic.SubscribeAsync(null, TestContext.Current.CancellationToken);
        ((IAbortableItems)fast).Connection = fastConnection.Context;
        await using IAsyncEnumerator<SseFrame> slowReader = slow.GetAsyncEnumerator(TestContext.Current.CancellationToken);
        await using IAsyncEnumerator<SseFrame> fastReader = fast.GetAsyncEnumerator(TestContext.Current.CancellationToken);
        ValueTask<bool> slowPending = slowReader.MoveNextAsync();
        ValueTask<bool> fastPending = fastReader.MoveNextAsync();
        await topic.PublishAsync(new Tick(0, "e"), TestContext.Current.CancellationToken);
        Assert.True(await slowPending);
        Assert.True(await fastPending);
        fastPending = fastReader.MoveNextAsync();

        for (int i = 1; i < 5; i++)
        {
            await topic.PublishAsync(new Tick(i, "e"), TestContext.Current.CancellationToken);
            Assert.True(await fastPending);
            TakeReady(fastReader, out fastPending);
        }

        Assert.Equal(1, slowConnection.Aborts);
        Assert.Equal(0, fastConnection.Aborts);
        Assert.Equal(SseTopicEndReason.Disconnected, slow.EndReason);
        Assert.Equal(SseTopicEndReason.None, fast.EndReason);
        Assert.False(await slowReader.MoveNextAsync());
    }

    [Fact]
    public async Task LatestPerKey_KeepsOnlyTheLatestQueuedEventOfEachKey_InIdOrder()
    {
        SseTopic<Tick> topic = Topic(o =>
        {
            o.QueueCapacity = 3;
            o.OverflowPolicy = SseOverflowPolicy.LatestPerKey;
            o.KeySelector = t => t.Label;
        });
        SseSubscription<Tick> subscription = topic.SubscribeAsync(null, TestContext.Current.CancellationToken);
        await using IAsyncEnumerator<SseFrame> reader = subscription.GetAsyncEnumerator(TestContext.Current.CancellationToken);
        ValueTask<bool> first = reader.MoveNextAsync();
        await topic.PublishAsync(new Tick(0, "first"), TestContext.Current.CancellationToken);
        Assert.True(await first);

        // Queue: a1 b2 c3 full; a4 replaces a1, b5 replaces b2, a6 replaces a4.
        string[] labels = ["a", "b", "c", "a", "b", "a"];
        for (int i = 0; i < labels.Length; i++)
        {
            await topic.PublishAsync(new Tick(i + 1, labels[i]), TestContext.Current.CancellationToken);
        }

        Assert.Equal(SseTopicEndReason.None, subscription.EndReason);
        List<SseFrame> queued = TakeReady(reader, out _);
        Assert.Equal([4, 6, 7], queued.Select(Sequence));
        Assert.Contains("\"c\"", Text(queued[0]), StringComparison.Ordinal);
        Assert.Contains("\"b\"", Text(queued[1]), StringComparison.Ordinal);
        Assert.Contains("\"a\"", Text(queued[2]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LatestPerKey_FullOfDistinctKeys_EndsTheStream()
    {
        SseTopic<Tick> topic = Topic(o =>
        {
            o.QueueCapacity = 2;
            o.OverflowPolicy = SseOverflowPolicy.LatestPerKey;
            o.KeySelector = t => t.Label;
        });
        SseSubscription<Tick> subscription = topic.SubscribeAsync(null, TestContext.Current.CancellationToken);
        await using IAsyncEnumerator<SseFrame> reader = subscription.GetAsyncEnumerator(TestContext.Current.CancellationToken);
        ValueTask<bool> first = reader.MoveNextAsync();
        await topic.PublishAsync(new Tick(0, "x"), TestContext.Current.CancellationToken);
        Assert.True(await first);

        foreach (string label in new[] { "a", "b", "c" })
        {
            await topic.PublishAsync(new Tick(1, label), TestContext.Current.CancellationToken);
        }

        Assert.Equal(SseTopicEndReason.EndedSlow, subscription.EndReason);
        Assert.False(await reader.MoveNextAsync());
    }

    [Fact]
    public async Task EndedSlowSubscriber_ResumesWithExactlyWhatItMissed()
    {
        SseTopic<Tick> topic = Topic(o => o.QueueCapacity = 4);
        SseSubscription<Tick> slow = topic.SubscribeAsync(null, TestContext.Current.CancellationToken);
        var delivered = new List<SseFrame>();
        await using (IAsyncEnumerator<SseFrame> reader = slow.GetAsyncEnumerator(TestContext.Current.CancellationToken))
        {
            ValueTask<bool> first = reader.MoveNextAsync();
            await topic.PublishAsync(new Tick(0, "e"), TestContext.Current.CancellationToken);
            Assert.True(await first);
            delivered.Add(reader.Current);
            for (int i = 1; i < 20; i++)
            {
                await topic.PublishAsync(new Tick(i, "e"), TestContext.Current.CancellationToken);
            }

            Assert.False(await reader.MoveNextAsync());
        }

        await using IAsyncEnumerator<SseFrame> resumed = topic.SubscribeAsync(delivered[^1].Id, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        delivered.AddRange(TakeReady(resumed, out _));

        Assert.Equal(Enumerable.Range(1, 20), delivered.Select(f => (int)Sequence(f)));
    }
}
