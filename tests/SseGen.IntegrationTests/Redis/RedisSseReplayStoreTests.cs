using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SseGen.Redis;
using StackExchange.Redis;

namespace SseGen.IntegrationTests.Redis;

/// <summary>The Redis Streams replay store against a real redis-server, with two app servers sharing it.</summary>
public sealed class RedisSseReplayStoreTests
{

    [Fact]
    public async Task ClientDropsFromNodeA_AndResumesOnNodeB_LosingAndRepeatingNothing()
    {
        const int Total = 400;
        CancellationToken ct = TestTimeout.After(60);
        await using RedisServer redis = await RedisServer.StartAsync(ct);
        await using LoopbackApp nodeA = await StartNodeAsync(redis);
        await using LoopbackApp nodeB = await StartNodeAsync(redis);
        ISseReplayStore storeA = nodeA.Services.GetRequiredService<ISseReplayStore>();
        ISseReplayStore storeB = nodeB.Services.GetRequiredService<ISseReplayStore>();

        // Events are published on both nodes, interleaved, while the client moves between them.
        Task publishing = Task.Run(async () =>
        {
            for (int i = 1; i <= Total; i++)
            {
                await (i % 2 == 0 ? storeA : storeB).AppendAsync("ticker", $"tick {i}", "tick", ct);
                if (i % 20 == 0)
                {
                    await Task.Delay(5, ct);
                }
            }
        }, ct);

        var received = new List<SseItem<string>>();
        string? lastEventId = "0-0";
        var random = new Random(7);
        for (int connection = 0; received.Count < Total; connection++)
        {
            LoopbackApp node = connection % 2 == 0 ? nodeA : nodeB;
            int take = random.Next(5, 60);
            using var client = new HttpClient { BaseAddress = node.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Get, "ticker");
            request.Headers.Add("Last-Event-ID", lastEventId);
            using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            await foreach (SseItem<string> item in SseParser.Create(await response.Content.ReadAsStreamAsync(ct)).EnumerateAsync(ct))
            {
                Assert.NotEqual(ISseReplayStore.HistoryLostEventType, item.EventType);
                received.Add(item);
                lastEventId = item.EventId;
                if (--take == 0 || received.Count == Total)
                {
                    break;
                }
            }
        }

        await publishing;
        Assert.Equal(Enumerable.Range(1, Total).Select(i => $"tick {i}"), received.Select(i => i.Data));
        Assert.Equal(Total, received.Select(i => i.EventId).Distinct().Count());
    }

    [Fact]
    public async Task EventAppendedOnOneNode_ReachesALiveReaderOnTheOther()
    {
        CancellationToken ct = TestTimeout.After(60);
        await using RedisServer redis = await RedisServer.StartAsync(ct);
        await using var nodeA = new RedisSseReplayStore(Options.Create(new RedisSseReplayOptions { Configuration = redis.Configuration, PollInterval = TimeSpan.FromMinutes(1) }));
        await using var nodeB = new RedisSseReplayStore(Options.Create(new RedisSseReplayOptions { Configuration = redis.Configuration, PollInterval = TimeSpan.FromMinutes(1) }));
        await nodeA.AppendAsync("live", "before", cancellationToken: ct);
        await using IAsyncEnumerator<SseItem<string>> reader = nodeB.ReadAsync("live", "0-0", ct).GetAsyncEnumerator(ct);

        // Readiness: a reader reads only once its node's subscription is confirmed, and takes its wake-up before it
        // reads, so once the first event is here every later append can wake it.
        Assert.True(await reader.MoveNextAsync());
        Assert.Equal("before", reader.Current.Data);
        ValueTask<bool> next = reader.MoveNextAsync();
        string id = await nodeA.AppendAsync("live", "hello", "greeting", ct);

        // The poll interval is a minute: only the pub/sub notification can deliver this within the test's timeout.
        Assert.True(await next.AsTask().WaitAsync(TimeSpan.FromSeconds(20), ct));
        Assert.Equal(("hello", "greeting", id), (reader.Current.Data, reader.Current.EventType, reader.Current.EventId));
    }

    [Fact]
    public async Task ReadsOfAThousandUnknownNames_CreateNoKey_AndLeaveNothingInTheProcess()
    {
        CancellationToken ct = TestTimeout.After(60);
        await using RedisServer redis = await RedisServer.StartAsync(ct);
        await using var store = new RedisSseReplayStore(Options.Create(new RedisSseReplayOptions { Configuration = redis.Configuration, PollInterval = TimeSpan.FromMilliseconds(200) }));
        await using ConnectionMultiplexer admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        IServer server = admin.GetServers().Single();
        string?[] clientIds = [null, "0-0", "1-0", "not-an-id"];

        int[] lost = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => ReadUntilCancelledAsync(store, $"room/{i}", clientIds[i % clientIds.Length], ct)));

        Assert.Equal(500, lost.Sum());
        Assert.Equal(0L, await server.DatabaseSizeAsync());
        Assert.Equal(0, store.SignalCount);
    }

    [Fact]
    public async Task Append_GivesTheStreamsKeyTheIdleTimeoutAsItsExpiry()
    {
        CancellationToken ct = TestTimeout.After(60);
        await using RedisServer redis = await RedisServer.StartAsync(ct);
        await using var store = new RedisSseReplayStore(Options.Create(new RedisSseReplayOptions { Configuration = redis.Configuration, IdleTimeout = TimeSpan.FromMinutes(5) }));
        await using ConnectionMultiplexer admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);

        await store.AppendAsync("room", "x", cancellationToken: ct);

        TimeSpan? ttl = await admin.GetDatabase().KeyTimeToLiveAsync("ssegen:stream:room");
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task IdOfAnExpiredStream_GetsHistoryLost_NotTheEventsOfTheStreamThatReplacedIt()
    {
        CancellationToken ct = TestTimeout.After(60);
        await using RedisServer redis = await RedisServer.StartAsync(ct);
        await using var store = new RedisSseReplayStore(Options.Create(new RedisSseReplayOptions { Configuration = redis.Configuration, IdleTimeout = TimeSpan.FromSeconds(1) }));
        await using ConnectionMultiplexer admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        string seen = await store.AppendAsync("room", "seen", cancellationToken: ct);
        await store.AppendAsync("room", "missed", cancellationToken: ct);
        while (await admin.GetDatabase().KeyExistsAsync("ssegen:stream:room"))
        {
            await Task.Delay(100, ct);
        }

        string replaced = await store.AppendAsync("room", "after expiry", cancellationToken: ct);
        await using IAsyncEnumerator<SseItem<string>> reader = store.ReadAsync("room", seen, ct).GetAsyncEnumerator(ct);

        Assert.True(await reader.MoveNextAsync());
        Assert.Equal((ISseReplayStore.HistoryLostEventType, replaced), (reader.Current.EventType, reader.Current.EventId));
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("99999999999999-0")]
    [InlineData("1-0")]
    public async Task IdTheStreamNoLongerHolds_GetsHistoryLost_ThenLiveEvents(string lastEventId)
    {
        CancellationToken ct = TestTimeout.After(60);
        await using RedisServer redis = await RedisServer.StartAsync(ct);
        await using var store = new RedisSseReplayStore(Options.Create(new RedisSseReplayOptions { Configuration = redis.Configuration, MaxLength = 1 }));
        string latest = "";
        for (int i = 0; i < 300; i++)
        {
            latest = await store.AppendAsync("short", $"e{i}", cancellationToken: ct);
        }

        await using IAsyncEnumerator<SseItem<string>> reader = store.ReadAsync("short", lastEventId, ct).GetAsyncEnumerator(ct);

        Assert.True(await reader.MoveNextAsync());
        Assert.Equal(ISseReplayStore.HistoryLostEventType, reader.Current.EventType);
        Assert.Equal(latest, reader.Current.EventId);
        ValueTask<bool> next = reader.MoveNextAsync();
        string appended = await store.AppendAsync("short", "fresh", cancellationToken: ct);
        Assert.True(await next);
        Assert.Equal(("fresh", appended), (reader.Current.Data, reader.Current.EventId));
    }

    /// <summary>Reads as an endpoint does until the client leaves; returns how many history-lost events came.</summary>
    private static async Task<int> ReadUntilCancelledAsync(ISseReplayStore store, string stream, string? lastEventId, CancellationToken ct)
    {
        using var leaves = CancellationTokenSource.CreateLinkedTokenSource(ct);
        leaves.CancelAfter(TimeSpan.FromSeconds(1));
        int lost = 0;
        try
        {
            await foreach (SseItem<string> item in store.ReadAsync(stream, lastEventId, leaves.Token))
            {
                Assert.Equal(ISseReplayStore.HistoryLostEventType, item.EventType);
                lost++;
            }
        }
        catch (OperationCanceledException) when (leaves.IsCancellationRequested)
        {
        }

        return lost;
    }

    private static Task<LoopbackApp> StartNodeAsync(RedisServer redis) => LoopbackApp.StartAsync(
        web => web.MapGet("/ticker", (HttpContext context, ISseReplayStore store) =>
            SseResponse.StreamAsync(context, store.ReadAsync("ticker", context.Request.Headers["Last-Event-ID"], context.RequestAborted), static (w, item) => w.WriteItem(item), cancellationToken: context.RequestAborted)),
        services => services.AddSseRedisReplayStore(redis.Configuration));
}
