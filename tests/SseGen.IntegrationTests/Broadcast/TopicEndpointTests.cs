using System.Globalization;
using System.Net.ServerSentEvents;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SseGen.TestApp;

namespace SseGen.IntegrationTests.Broadcast;

/// <summary>The test app's chat topics over real Kestrel: one encoding per event, resume, slow clients, retry spread.</summary>
public sealed class TopicEndpointTests(TestAppServer server) : IClassFixture<TestAppServer>
{
    private SseTopics<ChatEvent> Topics => server.App.Services.GetRequiredService<SseTopics<ChatEvent>>();

    [Fact]
    public async Task TwoSubscribers_GetTheSameEvents_WithTheSameIds()
    {
        SseTopic<ChatEvent> topic = Topics.Get("chat/two");
        await using Subscriber first = await Subscriber.OpenAsync(server.Client, "two", null);
        await using Subscriber second = await Subscriber.OpenAsync(server.Client, "two", null);
        await TopicWaits.ForSubscribersAsync(topic, 2);

        await topic.PublishAsync(new Joined("two", "ann"), TestContext.Current.CancellationToken);
        await topic.PublishAsync(new Said("two", "ann", "hi"), TestContext.Current.CancellationToken);

        List<SseItem<string>> a = [await first.NextAsync(), await first.NextAsync()];
        List<SseItem<string>> b = [await second.NextAsync(), await second.NextAsync()];
        Assert.Equal(["joined", "said"], a.Select(e => e.EventType));
        Assert.Equal("ann", Field(a[0].Data, "user"));
        Assert.Equal("hi", Field(a[1].Data, "text"));
        Assert.Equal(a.Select(e => (e.EventType, e.Data, e.EventId)), b.Select(e => (e.EventType, e.Data, e.EventId)));
        Assert.Equal(topic.LastEventId, a[1].EventId);
    }

    [Fact]
    public async Task Reconnect_WithLastEventId_GetsExactlyTheMissedEventsOnce_ThenLive()
    {
        SseTopic<ChatEvent> topic = Topics.Get("chat/resume");
        string lastSeen;
        await using (Subscriber first = await Subscriber.OpenAsync(server.Client, "resume", null))
        {
            await TopicWaits.ForSubscribersAsync(topic, 1);
            for (int i = 0; i < 3; i++)
            {
                await topic.PublishAsync(new Said("resume", "ann", "m" + i), TestContext.Current.CancellationToken);
            }

            lastSeen = (await first.NextAsync()).EventId!;
        }

        await TopicWaits.ForSubscribersAsync(topic, 0);
        for (int i = 3; i < 5; i++)
        {
            await topic.PublishAsync(new Said("resume", "ann", "m" + i), TestContext.Current.CancellationToken);
        }

        await using Subscriber again = await Subscriber.OpenAsync(server.Client, "resume", lastSeen);
        var texts = new List<string>();
        for (int i = 0; i < 4; i++)
        {
            texts.Add((await again.NextAsync()).Data);
        }

        await TopicWaits.ForSubscribersAsync(topic, 1);
        await topic.PublishAsync(new Said("resume", "ann", "live"), TestContext.Current.CancellationToken);
        texts.Add((await again.NextAsync()).Data);

        Assert.Equal(["m1", "m2", "m3", "m4", "live"], texts.Select(t => Field(t, "text")));
    }

    [Fact]
    public async Task ClientThatStopsReading_HasItsStreamEnded_OthersContinue_AndItResumesWithNothingLost()
    {
        SseTopic<ChatEvent> topic = Topics.Get("chat/slow");
        await using Subscriber slow = await Subscriber.OpenAsync(server.Client, "slow", null);
        await using Subscriber fast = await Subscriber.OpenAsync(server.Client, "slow", null);
        await TopicWaits.ForSubscribersAsync(topic, 2);
        string text = new('x', 32 * 1024);
        var published = new List<string>();
        var fastIds = new List<string>();

        // The slow client takes one event, then stops reading; socket buffers fill, its server-side write waits, and its
        // queue fills. Bounded: far more bytes than loopback buffers hold.
        published.Add((await topic.PublishAsync(new Said("slow", "ann", text), TestContext.Current.CancellationToken)).Id!);
        var slowIds = new List<string> { (await slow.NextAsync()).EventId! };
        fastIds.Add((await fast.NextAsync()).EventId!);
        for (int i = 0; i < 2000 && topic.SubscriberCount == 2; i++)
        {
            published.Add((await topic.PublishAsync(new Said("slow", "ann", text), TestContext.Current.CancellationToken)).Id!);
            fastIds.Add((await fast.NextAsync()).EventId!);
        }

        Assert.Equal(1, topic.SubscriberCount);
        Assert.Equal(published, fastIds);

        // The slow client reads again: what was in flight, then the end of the stream.
        while (await slow.TryNextAsync() is { } item)
        {
            slowIds.Add(item.EventId!);
        }

        await using Subscriber resumed = await Subscriber.OpenAsync(server.Client, "slow", slowIds[^1]);
        while (slowIds[^1] != published[^1])
        {
            slowIds.Add((await resumed.NextAsync()).EventId!);
        }

        Assert.Equal(published, slowIds);
    }

    [Fact]
    public async Task EachStream_StartsWithItsOwnJitteredRetry()
    {
        var retries = new List<long>();
        for (int i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/topics/chat/retry");
            using HttpResponseMessage response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
            await using Stream body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
            string head = await ReadFirstFrameAsync(body);
            Assert.StartsWith("retry: ", head, StringComparison.Ordinal);
            retries.Add(long.Parse(head["retry: ".Length..^2], CultureInfo.InvariantCulture));
        }

        Assert.All(retries, r => Assert.InRange(r, SseGen.TestApp.Topics.RetryMilliseconds, (SseGen.TestApp.Topics.RetryMilliseconds * 3 / 2) - 1));
        Assert.True(retries.Distinct().Count() > 1, "every stream got the same retry: " + string.Join(", ", retries));
    }

    [Theory]
    [InlineData("..%2Fother")]
    [InlineData("lobby%2F..%2F..%2Fadmin")]
    [InlineData("lobby%01")]
    [InlineData("lobby%0A")]
    [InlineData("%20")]
    [InlineData("lobb%C3%A9")]
    public async Task RoomThatIsNotOneNameSegment_Gets400ProblemDetails_AndNoStream(string room)
    {
        int topics = Topics.Count;

        (string head, string body) = await RawGetAsync("/topics/chat/" + room);

        Assert.StartsWith("HTTP/1.1 400 ", head, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", head, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("text/event-stream", head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"room\":[\"The room must be one topic name segment", body, StringComparison.Ordinal);
        Assert.DoesNotContain("retry:", body, StringComparison.Ordinal);
        Assert.Equal(topics, Topics.Count);
    }

    [Theory]
    [InlineData("/topics/plain/", "..%2Fother")]
    [InlineData("/topics/plain/", "lobby%2F..%2F..%2Fadmin")]
    [InlineData("/topics/plain/", "lobby%01")]
    [InlineData("/topics/plain/", "lobb%C3%A9")]
    [InlineData("/topics/relayed/", "..%2Fother")]
    [InlineData("/topics/relayed/", "lobby%0A")]
    [InlineData("/topics/relayed/", "%20")]
    public async Task RoomThatIsNotOneNameSegment_WithoutTheAttribute_Gets400ProblemDetails_AndNoStream(string route, string room)
    {
        int topics = Topics.Count;

        (string head, string body) = await RawGetAsync(route + room);

        Assert.StartsWith("HTTP/1.1 400 ", head, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", head, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("text/event-stream", head, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("X-Accel-Buffering", head, StringComparison.OrdinalIgnoreCase);
        using var problem = JsonDocument.Parse(head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Dechunk(body) : body);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        string message = Assert.Single(problem.RootElement.GetProperty("errors").GetProperty("topic").EnumerateArray()).GetString()!;
        Assert.StartsWith("The topic name from this request is not valid: a topic name segment ", message, StringComparison.Ordinal);
        Assert.DoesNotContain("lobby", message, StringComparison.Ordinal);
        Assert.DoesNotContain("retry:", body, StringComparison.Ordinal);
        Assert.Equal(topics, Topics.Count);
    }

    [Theory]
    [InlineData("/topics/plain/lobby")]
    [InlineData("/topics/relayed/lobby")]
    public async Task RoomThatIsOneNameSegment_WithoutTheAttribute_Streams(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using HttpResponseMessage response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await using Stream body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("retry: ", await ReadFirstFrameAsync(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyRoom_MatchesNoTopicEndpoint()
    {
        int topics = Topics.Count;

        (string head, _) = await RawGetAsync("/topics/chat/");

        Assert.StartsWith("HTTP/1.1 404 ", head, StringComparison.Ordinal);
        Assert.Equal(topics, Topics.Count);
    }

    private static string? Field(string json, string name)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty(name).GetString();
    }

    private static async Task<string> ReadFirstFrameAsync(Stream body)
    {
        var bytes = new List<byte>();
        var buffer = new byte[1];
        while (bytes.Count < 64 && !(bytes.Count >= 2 && bytes[^1] == '\n' && bytes[^2] == '\n'))
        {
            if (await body.ReadAsync(buffer, TestContext.Current.CancellationToken) == 0)
            {
                break;
            }

            bytes.Add(buffer[0]);
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    /// <summary>The body of a chunked response: each chunk's data, the sizes and the terminator dropped.</summary>
    private static string Dechunk(string body)
    {
        var data = new StringBuilder();
        int at = 0;
        for (int chunks = 0; chunks < 100; chunks++)
        {
            int lineEnd = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            int size = int.Parse(body[at..lineEnd], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return data.ToString();
            }

            // The problem's JSON is ASCII here (its text is ours), so a character is a byte.
            data.Append(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }

        throw new InvalidOperationException("More than 100 chunks.");
    }

    /// <summary>Sends exactly <paramref name="target"/> (no client normalizes it) and reads the whole response.</summary>
    private async Task<(string Head, string Body)> RawGetAsync(string target)
    {
        var address = new Uri(server.App.Urls.Single());
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port, TestContext.Current.CancellationToken);
        await using NetworkStream stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: {address.Authority}\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n"), TestContext.Current.CancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string response = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
        int end = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (response[..end], response[(end + 4)..]);
    }

    private sealed class Subscriber : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly IAsyncEnumerator<SseItem<string>> _events;

        private Subscriber(HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> events)
        {
            _response = response;
            _events = events;
        }

        public static async Task<Subscriber> OpenAsync(HttpClient client, string room, string? lastEventId)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/topics/chat/" + room);
            if (lastEventId is not null)
            {
                request.Headers.Add("Last-Event-ID", lastEventId);
            }

            HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
            Stream body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
            return new Subscriber(response, SseParser.Create(body).EnumerateAsync(TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken));
        }

        public async Task<SseItem<string>> NextAsync() =>
            await TryNextAsync() ?? throw new InvalidOperationException("The stream ended.");

        public async Task<SseItem<string>?> TryNextAsync() =>
            await _events.MoveNextAsync() ? _events.Current : null;

        public async ValueTask DisposeAsync()
        {
            await _events.DisposeAsync();
            _response.Dispose();
        }
    }
}
