using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SseGen.Redis;
using SseGen.TestApp;
using StackExchange.Redis;

namespace SseGen.IntegrationTests.Redis;

/// <summary>Topics shared by two app servers through a real redis-server: each has its own connection and registry.</summary>
public sealed class RedisTopicTests
{
    [Fact]
    public async Task EventPublishedOnEitherNode_ReachesSubscribersOnBoth_WithTheSameRedisId()
    {
        CancellationToken ct = TestTimeout.After(60);
        await using RedisServer redis = await RedisServer.StartAsync(ct);
        await using ChatNode nodeA = await ChatNode.StartAsync(redis);
        await using ChatNode nodeB = await ChatNode.StartAsync(redis);
        await using RoomStream onA = await RoomStream.OpenAsync(nodeA.Client, "/topics/chat/shared", null, ct);
        await using RoomStream onB = await RoomStream.OpenAsync(nodeB.Client, "/topics/chat/shared", null, ct);

        SseFrame fromA = await nodeA.Topics.Get("chat/shared").PublishAsync(new Said("shared", "ann", "from A"), ct);
        SseFrame fromB = await nodeB.Topics.Get("chat/shared").PublishAsync(new Joined("shared", "bob"), ct);

        Assert.Matches("^[0-9]+-[0-9]+$", fromA.Id);
        foreach (RoomStream stream in (RoomStream[])[onA, onB])
        {
            SseItem<string> first = await stream.NextAsync(ct);
            SseItem<string> second = await stream.NextAsync(ct);
            Assert.Equal(("said", fromA.Id), (first.EventType, first.EventId));
            Assert.Equal("from A", JsonDocument.Parse(first.Data).RootElement.GetProperty("text").GetString());
            Assert.Equal(("joined", fromB.Id), (second.EventType, second.EventId));
        }
    }

    [Fact]
    public async Task ClientDropsFromNodeA_AndResumesOnNodeB_GettingEveryEventExactlyOnce()
    {
        const int Total = 300;
        CancellationToken ct = TestTimeout.After(90);
        await using RedisServer redis = await RedisServer.StartAsync(ct);
        await using ChatNode nodeA = await ChatNode.StartAsync(redis);
        await using ChatNode nodeB = await ChatNode.StartAsync(redis);

        // Published on both nodes, interleaved, while the client moves between them.
        Task publishing = Task.Run(async () =>
        {
            for (int i = 1; i <= Total; i++)
            {
                await (i % 2 == 0 ? nodeA : nodeB).Topics.Get("chat/moving").PublishAsync(new Said("moving", "ann", $"m{i}"), ct);
                if (i % 10 == 0)
                {
                    await Task.Delay(5, ct);
                }
            }
        }, ct);

        var received = new List<SseItem<string>>();
        string lastEventId = "0-0";
        var random = new Random(11);
        for (int connection = 0; received.Count < Total && connection < 10 * Total; connection++)
        {
            int take = random.Next(3, 40);
            await using RoomStream stream = await RoomStream.OpenAsync((connection % 2 == 0 ? nodeA : nodeB).Client, "/topics/chat/moving", lastEventId, ct);

            // A stream may also end (the test app's queues are small): the client resumes as after a drop.
            while (take-- > 0 && received.Count < Total && await stream.TryNextAsync(ct) is { } item)
            {
                Assert.NotEqual(ISseReplayStore.HistoryLostEventType, item.EventType);
                received.Add(item);
                lastEventId = item.EventId!;
            }
        }

        await publishing;
        Assert.Equal(Enumerable.Range(1, Total).Select(i => $"m{i}"), received.Select(i => JsonDocument.Parse(i.Data).RootElement.GetProperty("text").GetString()));
        Assert.Equal(Total, received.Select(i => i.EventId).Distinct().Count());
    }

    [Fact]
    public async Task EachPublishedEvent_IsSerializedOnce_WhateverTheNumberOfSubscribersAndNodes()
    {
        const int PerNode = 15;
        CancellationToken ct = TestTimeout.After(60);
        await using RedisServer redis = await RedisServer.StartAsync(ct);
        var converter = new CountingQuoteConverter();
        await using LoopbackApp nodeA = await StartQuoteNodeAsync(redis, converter);
        await using LoopbackApp nodeB = await StartQuoteNodeAsync(redis, converter);
        using var clientA = new HttpClient { BaseAddress = nodeA.BaseAddress };
        using var clientB = new HttpClient { BaseAddress = nodeB.BaseAddress };
        var streams = new List<RoomStream>();
        try
        {
            for (int i = 0; i < 7; i++)
            {
                streams.Add(await RoomStream.OpenAsync(i < 3 ? clientA : clientB, "/quotes/acme", null, ct));
            }

            SseTopic<Quote> onA = nodeA.Services.GetRequiredService<SseTopics<Quote>>().Get("quotes/acme");
            SseTopic<Quote> onB = nodeB.Services.GetRequiredService<SseTopics<Quote>>().Get("quotes/acme");
            var published = new List<SseFrame>();
            for (int i = 0; i < PerNode; i++)
            {
                published.Add(await onA.PublishAsync(new Quote("acme", 2 * i), ct));
                published.Add(await onB.PublishAsync(new Quote("acme", (2 * i) + 1), ct));
            }

            foreach (RoomStream stream in streams)
            {
                var ids = new List<string?>();
                var data = new List<string>();
                for (int i = 0; i < 2 * PerNode; i++)
                {
                    SseItem<string> item = await stream.NextAsync(ct);
                    ids.Add(item.EventId);
                    data.Add(item.Data);
                }

                Assert.Equal(published.Select(f => f.Id), ids);
                Assert.Equal(Enumerable.Range(0, 2 * PerNode).Select(n => $"{{\"symbol\":\"acme\",\"price\":{n}}}"), data);
            }

            Assert.Equal(2 * PerNode, converter.Writes);
        }
        finally
        {
            foreach (RoomStream stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task SubscriptionsToAThousandEmptyTopics_CreateNoKey_AndLeaveNoFollower()
    {
        CancellationToken ct = TestTimeout.After(60);
        await using RedisServer redis = await RedisServer.StartAsync(ct);
        await using LoopbackApp node = await StartQuoteNodeAsync(redis, new CountingQuoteConverter());
        await using ConnectionMultiplexer admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        SseTopics<Quote> topics = node.Services.GetRequiredService<SseTopics<Quote>>();
        string?[] clientIds = [null, "0-0", "1-0", "not-an-id"];
        int lost = 0;

        for (int i = 0; i < 1000; i++)
        {
            await using IAsyncEnumerator<SseFrame> reader = topics.Get($"quotes/empty-{i}").SubscribeAsync(clientIds[i % clientIds.Length], ct).GetAsyncEnumerator(ct);
            Assert.True(await reader.MoveNextAsync());
            Assert.StartsWith("retry: ", Encoding.UTF8.GetString(reader.Current.Utf8.Span), StringComparison.Ordinal);
            ValueTask<bool> next = reader.MoveNextAsync();
            if (next.IsCompleted && await next)
            {
                Assert.Equal(ISseReplayStore.HistoryLostEventType, reader.Current.EventType);
                lost++;
            }
        }

        Assert.Equal(500, lost);
        IServer server = admin.GetServers().Single();
        Assert.Equal(0L, await server.DatabaseSizeAsync());
        Assert.Equal(0, node.Services.GetRequiredKeyedService<RedisTopicBackplane>(typeof(Quote)).FollowerCount);

        // One channel for every topic of the type, not one per name read (StackExchange.Redis keeps one of its own).
        var channels = (RedisResult[])(await server.ExecuteAsync("PUBSUB", "CHANNELS", "ssegen:*"))!;
        Assert.Equal(["ssegen:topics:Quote:published"], channels.Select(c => c.ToString()));
    }

    [Fact]
    public async Task EventWhosePubSubMessageWasLost_StillReachesTheSubscriber_InTheStreamsOrder()
    {
        CancellationToken ct = TestTimeout.After(60);
        await using RedisServer redis = await RedisServer.StartAsync(ct);
        await using LoopbackApp node = await StartQuoteNodeAsync(redis, new CountingQuoteConverter(), o => o.PollInterval = TimeSpan.FromMilliseconds(100));
        await using ConnectionMultiplexer admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        using var client = new HttpClient { BaseAddress = node.BaseAddress };
        await using RoomStream stream = await RoomStream.OpenAsync(client, "/quotes/lost", null, ct);

        // An entry appended with no PUBLISH, as if its message never arrived; then one published as usual.
        string lostId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + "-0";
        await admin.GetDatabase().StreamAddAsync(
            "ssegen:topics:Quote:stream:quotes/lost",
            [new NameValueEntry("f", $"id: {lostId}\ndata: {{\"symbol\":\"lost\",\"price\":1}}\n\n"), new NameValueEntry("k", "")],
            lostId);
        SseFrame published = await node.Services.GetRequiredService<SseTopics<Quote>>().Get("quotes/lost").PublishAsync(new Quote("lost", 2), ct);

        SseItem<string> first = await stream.NextAsync(ct);
        SseItem<string> second = await stream.NextAsync(ct);
        Assert.Equal((lostId, "{\"symbol\":\"lost\",\"price\":1}"), (first.EventId, first.Data));
        Assert.Equal((published.Id, "{\"symbol\":\"lost\",\"price\":2}"), (second.EventId, second.Data));
    }

    private static Task<LoopbackApp> StartQuoteNodeAsync(RedisServer redis, CountingQuoteConverter converter, Action<RedisSseTopicOptions>? configure = null) => LoopbackApp.StartAsync(
        web => web.MapGet("/quotes/{symbol}", (HttpContext context, string symbol, SseTopics<Quote> topics) =>
            SseResponse.StreamAsync(
                context,
                topics.Get(SseTopicName.Join("quotes", symbol)).SubscribeAsync(context.Request.Headers["Last-Event-ID"], context.RequestAborted),
                static (w, frame) => w.WriteFrame(frame),
                cancellationToken: context.RequestAborted)),
        services =>
        {
            services.AddSseTopics<Quote>(o => o.TypeInfo = CountingQuoteConverter.TypeInfo(converter));
            services.AddSseRedisTopics<Quote>(redis.Configuration, configure);
        });

    public sealed record Quote(string Symbol, int Price);

    /// <summary>Counts every serialization of a <see cref="Quote"/>, on whichever node.</summary>
    private sealed class CountingQuoteConverter : JsonConverter<Quote>
    {
        private int _writes;

        public int Writes => Volatile.Read(ref _writes);

        public static JsonTypeInfo<Quote> TypeInfo(CountingQuoteConverter converter)
        {
            var options = new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
            options.Converters.Add(converter);
            return (JsonTypeInfo<Quote>)options.GetTypeInfo(typeof(Quote));
        }

        public override Quote Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, Quote value, JsonSerializerOptions options)
        {
            Interlocked.Increment(ref _writes);
            writer.WriteStartObject();
            writer.WriteString("symbol", value.Symbol);
            writer.WriteNumber("price", value.Price);
            writer.WriteEndObject();
        }
    }

    /// <summary>The test app on Kestrel with its chat topics shared through Redis.</summary>
    private sealed class ChatNode : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private ChatNode(WebApplication app)
        {
            _app = app;
            Client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(30) };
        }

        public HttpClient Client { get; }

        public SseTopics<ChatEvent> Topics => _app.Services.GetRequiredService<SseTopics<ChatEvent>>();

        public static async Task<ChatNode> StartAsync(RedisServer redis)
        {
            WebApplication app = TestAppHost.Create(
                registerChatHub: true,
                builder =>
                {
                    builder.Logging.ClearProviders();
                    builder.Services.AddSseRedisTopics<ChatEvent>(redis.Configuration);
                },
                "--urls", "http://127.0.0.1:0");
            await app.StartAsync(TestContext.Current.CancellationToken);
            return new ChatNode(app);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>
    /// A subscription over HTTP, open once its first frame (the <c>retry:</c> every topic stream starts with) has arrived:
    /// the server writes it only after the subscriber joined, so from then on every publish reaches it. No sleep.
    /// </summary>
    private sealed class RoomStream : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly IAsyncEnumerator<SseItem<string>> _events;

        private RoomStream(HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> events)
        {
            _response = response;
            _events = events;
        }

        public static async Task<RoomStream> OpenAsync(HttpClient client, string path, string? lastEventId, CancellationToken ct)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (lastEventId is not null)
            {
                request.Headers.Add("Last-Event-ID", lastEventId);
            }

            HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            response.EnsureSuccessStatusCode();
            Stream body = await response.Content.ReadAsStreamAsync(ct);
            string first = await ReadFirstFrameAsync(body, ct);
            Assert.StartsWith("retry: ", first, StringComparison.Ordinal);
            return new RoomStream(response, SseParser.Create(body).EnumerateAsync(ct).GetAsyncEnumerator(ct));
        }

        public async Task<SseItem<string>> NextAsync(CancellationToken ct) =>
            await TryNextAsync(ct) ?? throw new InvalidOperationException("The stream ended.");

        public async Task<SseItem<string>?> TryNextAsync(CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            return await _events.MoveNextAsync() ? _events.Current : null;
        }

        public async ValueTask DisposeAsync()
        {
            await _events.DisposeAsync();
            _response.Dispose();
        }

        private static async Task<string> ReadFirstFrameAsync(Stream body, CancellationToken ct)
        {
            var bytes = new List<byte>();
            var buffer = new byte[1];
            while (bytes.Count < 64 && !(bytes.Count >= 2 && bytes[^1] == '\n' && bytes[^2] == '\n'))
            {
                if (await body.ReadAsync(buffer, ct) == 0)
                {
                    break;
                }

                bytes.Add(buffer[0]);
            }

            return Encoding.UTF8.GetString([.. bytes]);
        }
    }
}
