using System.Text;
using static SseGen.Tests.Broadcast.TopicTestKit;

namespace SseGen.Tests.Broadcast;

/// <summary>Topics shared through a backplane, each "server" a topic of its own on one in-memory log.</summary>
public sealed class SseTopicBackplaneTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PublishOnEitherServer_SerializesOnce_AndEverySubscriberOfBothGetsEveryEventInTheLogsOrder()
    {
        var backplane = new FakeBackplane();
        var converter = new CountingTickConverter();
        SseTopic<Tick> serverA = Shared(backplane, converter);
        SseTopic<Tick> serverB = Shared(backplane, converter);
        var readers = new List<(SseTopic<Tick> Server, IAsyncEnumerator<SseFrame> Reader, ValueTask<bool> Pending)>();
        foreach (SseTopic<Tick> server in (SseTopic<Tick>[])[serverA, serverA, serverA, serverB, serverB])
        {
            IAsyncEnumerator<SseFrame> reader = server.SubscribeAsync(null, Ct).GetAsyncEnumerator(Ct);
            readers.Add((server, reader, reader.MoveNextAsync()));
        }

        for (int i = 0; i < 10; i++)
        {
            await (i % 2 == 0 ? serverA : serverB).PublishAsync(new Tick(i, "t"), Ct);
        }

        Assert.Equal(10, converter.Writes);
        var received = new List<List<SseFrame>>();
        foreach ((SseTopic<Tick> _, IAsyncEnumerator<SseFrame> reader, ValueTask<bool> pending) in readers)
        {
            Assert.True(await pending);
            received.Add([reader.Current, .. TakeReady(reader, out _)]);
            await reader.DisposeAsync();
        }

        Assert.All(received, frames => Assert.Equal(Enumerable.Range(1, 10).Select(n => n + "-0"), frames.Select(f => f.Id)));
        Assert.All(received, frames => Assert.Equal(Enumerable.Range(0, 10).Select(n => $"{{\"count\":{n},\"label\":\"t\"}}"), frames.Select(DataOf)));

        // One server's subscribers share each frame; the other server's have the same bytes.
        Assert.Equal(received[0], received[2], ReferenceEqualityComparer.Instance);
        Assert.Equal(received[3], received[4], ReferenceEqualityComparer.Instance);
        Assert.Equal(received[0].Select(Text), received[3].Select(Text));
    }

    [Fact]
    public async Task PublishedFrame_IsTheBytesSubscribersGet_WithTheLogsId()
    {
        var backplane = new FakeBackplane();
        SseTopic<Tick> server = Shared(backplane, new CountingTickConverter());
        await using IAsyncEnumerator<SseFrame> reader = server.SubscribeAsync(null, Ct).GetAsyncEnumerator(Ct);
        ValueTask<bool> pending = reader.MoveNextAsync();

        SseFrame published = await server.PublishAsync(new Tick(7, "x"), Ct);

        Assert.True(await pending);
        Assert.Equal("1-0", published.Id);
        Assert.Equal("id: 1-0\ndata: {\"count\":7,\"label\":\"x\"}\n\n", Text(published));
        Assert.Equal(Text(published), Text(reader.Current));
        Assert.Equal("1-0", server.LastEventId);
    }

    [Fact]
    public async Task ResumeOnAnotherServer_GetsTheMissedEventsFromTheLogOnce_ThenLive()
    {
        var backplane = new FakeBackplane();
        SseTopic<Tick> serverA = Shared(backplane, new CountingTickConverter());
        SseTopic<Tick> serverB = Shared(backplane, new CountingTickConverter());
        for (int i = 0; i < 5; i++)
        {
            await serverA.PublishAsync(new Tick(i, "t"), Ct);
        }

        await using IAsyncEnumerator<SseFrame> resumed = serverB.SubscribeAsync("2-0", Ct).GetAsyncEnumerator(Ct);
        Assert.True(await resumed.MoveNextAsync());
        List<SseFrame> replayed = [resumed.Current, .. TakeReady(resumed, out ValueTask<bool> pending)];
        await serverA.PublishAsync(new Tick(5, "live"), Ct);

        Assert.Equal(["3-0", "4-0", "5-0"], replayed.Select(f => f.Id));
        Assert.True(await pending);
        Assert.Equal("6-0", resumed.Current.Id);
        Assert.Empty(TakeReady(resumed, out _));
    }

    [Fact]
    public async Task ResumeWithAnIdThisServerHasNotDeliveredYet_SkipsTheEventsTheClientHas()
    {
        var backplane = new FakeBackplane();
        SseTopic<Tick> serverA = Shared(backplane, new CountingTickConverter());
        SseTopic<Tick> serverB = Shared(backplane, new CountingTickConverter());
        await using IAsyncEnumerator<SseFrame> earlier = serverB.SubscribeAsync(null, Ct).GetAsyncEnumerator(Ct);
        ValueTask<bool> earlierPending = earlier.MoveNextAsync();

        // Server B's messages are late: the client saw 1-0 to 3-0 on server A, then moves to B.
        backplane.HoldDeliveries = true;
        for (int i = 0; i < 3; i++)
        {
            await serverA.PublishAsync(new Tick(i, "t"), Ct);
        }

        await using IAsyncEnumerator<SseFrame> moved = serverB.SubscribeAsync("3-0", Ct).GetAsyncEnumerator(Ct);
        ValueTask<bool> movedPending = moved.MoveNextAsync();
        Assert.False(movedPending.IsCompleted);
        backplane.Release(0);
        backplane.HoldDeliveries = false;
        await serverA.PublishAsync(new Tick(3, "new"), Ct);

        Assert.True(await movedPending);
        Assert.Equal("4-0", moved.Current.Id);
        Assert.Empty(TakeReady(moved, out _));
        Assert.True(await earlierPending);
        List<SseFrame> earlierFrames = [earlier.Current, .. TakeReady(earlier, out _)];
        Assert.Equal(["1-0", "2-0", "3-0", "4-0"], earlierFrames.Select(f => f.Id));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("9-0")]
    public async Task ResumeFromAnIdTheLogDoesNotHold_GetsHistoryLost_WithThisServersPosition(string lastEventId)
    {
        var backplane = new FakeBackplane();
        SseTopic<Tick> server = Shared(backplane, new CountingTickConverter());
        await server.PublishAsync(new Tick(1, "t"), Ct);

        await using IAsyncEnumerator<SseFrame> reader = server.SubscribeAsync(lastEventId, Ct).GetAsyncEnumerator(Ct);

        Assert.True(await reader.MoveNextAsync());
        Assert.Equal($"event: history-lost\nid: 1-0\ndata: {lastEventId}\n\n", Text(reader.Current));
    }

    [Fact]
    public async Task WriterThatDoesNotWriteTheIdItIsGiven_Throws_AndNothingIsAppended()
    {
        var backplane = new FakeBackplane();
        var server = new SseTopic<Tick>("t", TopicOptions(o =>
        {
            o.Writer = (w, tick, _) => w.WriteEvent(tick.Label.AsSpan());
            o.Backplane = backplane;
        }));

        await Assert.ThrowsAsync<ArgumentException>(async () => await server.PublishAsync(new Tick(1, "no id"), Ct));
        Assert.Equal(0, backplane.Appends);
    }

    [Theory]
    [InlineData("data: crlf\r\n\r\n")]
    [InlineData("data: half an event\n")]
    [InlineData("data: x\nforged: field\n\n")]
    [InlineData("")]
    public async Task EntryNotWrittenBySseGen_IsNotDelivered_AndTheNextEventIs(string foreign)
    {
        var backplane = new FakeBackplane();
        SseTopic<Tick> server = Shared(backplane, new CountingTickConverter());
        await using IAsyncEnumerator<SseFrame> reader = server.SubscribeAsync(null, Ct).GetAsyncEnumerator(Ct);
        ValueTask<bool> pending = reader.MoveNextAsync();

        backplane.AppendForeign(Encoding.UTF8.GetBytes(foreign));
        Assert.False(pending.IsCompleted);
        await server.PublishAsync(new Tick(2, "real"), Ct);

        Assert.True(await pending);
        Assert.Equal("2-0", reader.Current.Id);
    }

    [Fact]
    public async Task ServerFollowsATopic_OnlyWhileItHasASubscriber()
    {
        var backplane = new FakeBackplane();
        SseTopic<Tick> server = Shared(backplane, new CountingTickConverter());
        SseSubscription<Tick> notEnumerated = server.SubscribeAsync(null, Ct);
        Assert.Equal(0, backplane.FollowerCount);

        IAsyncEnumerator<SseFrame> first = server.SubscribeAsync(null, Ct).GetAsyncEnumerator(Ct);
        IAsyncEnumerator<SseFrame> second = server.SubscribeAsync("0-0", Ct).GetAsyncEnumerator(Ct);
        _ = first.MoveNextAsync();
        _ = second.MoveNextAsync();
        Assert.Equal((1, 2), (backplane.FollowerCount, server.SubscriberCount));

        await first.DisposeAsync();
        Assert.Equal(1, backplane.FollowerCount);
        await second.DisposeAsync();
        Assert.Equal((0, 0), (backplane.FollowerCount, server.SubscriberCount));
        Assert.Equal(SseTopicEndReason.None, notEnumerated.EndReason);
    }

    [Fact]
    public async Task SubscriberDisposedBeforeItsFirstMove_NeverJoins()
    {
        var backplane = new FakeBackplane();
        SseTopic<Tick> server = Shared(backplane, new CountingTickConverter());
        IAsyncEnumerator<SseFrame> reader = server.SubscribeAsync(null, Ct).GetAsyncEnumerator(Ct);

        await reader.DisposeAsync();

        Assert.False(await reader.MoveNextAsync());
        Assert.Equal((0, 0), (backplane.FollowerCount, server.SubscriberCount));
    }

    private static SseTopic<Tick> Shared(FakeBackplane backplane, CountingTickConverter converter) =>
        new("ticks", TopicOptions(o =>
        {
            o.TypeInfo = CountingTypeInfo(converter);
            o.Backplane = backplane;
        }));

    private static string DataOf(SseFrame frame) =>
        Text(frame).Split('\n').Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
}
