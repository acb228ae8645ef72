using System.Globalization;
using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SseGen.Client;

namespace SseGen.Tests.Client;

/// <summary>The reconnecting client against a real Kestrel server and against scripted broken servers.</summary>
public sealed class SseClientTests
{
    private const int Total = 20;

    private static readonly SseClientOptions Fast = new()
    {
        ReconnectDelay = TimeSpan.FromMilliseconds(10),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(100),
        MaxFailedAttempts = 5,
        IdleTimeout = null,
    };

    [Fact]
    public async Task ServerDropsMidEventNTimes_ClientYieldsEveryEventExactlyOnce_ThenStopsOn204()
    {
        const int Drops = 6;
        int connections = 0;
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/numbers", async (HttpContext context) =>
        {
            int connection = Interlocked.Increment(ref connections);
            int after = int.TryParse(context.Request.Headers["Last-Event-ID"], CultureInfo.InvariantCulture, out int id) ? id : 0;
            if (after >= Total)
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            SseResponse.Start(context.Response);
            var frames = new SseFrameWriter(context.Response.BodyWriter);
            for (int i = after + 1; i <= Math.Min(after + 3, Total); i++)
            {
                frames.WriteEvent(Text(i).AsSpan(), eventType: "n", id: Text(i));
            }

            if (connection <= Drops)
            {
                // Half an event, then the connection dies: the client must never deliver it. The pause lets Kestrel
                // hand the bytes to the socket before the abort resets it (whatever is lost is resumed anyway).
                await context.Response.BodyWriter.WriteAsync("event: n\nid: 999\ndata: half"u8.ToArray());
                await context.Response.BodyWriter.FlushAsync();
                await Task.Delay(100);
                context.Abort();
                return;
            }

            await context.Response.BodyWriter.FlushAsync();
        }));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var client = new SseClient(http, Fast with { MaxFailedAttempts = null });

        var received = new List<SseItem<string>>();
        await foreach (SseItem<string> item in client.StreamAsync(new SseClientRequest("/numbers"), TestTimeout.After(30)))
        {
            received.Add(item);
        }

        Assert.Equal(Enumerable.Range(1, Total).Select(Text), received.Select(i => i.Data));
        Assert.Equal(Enumerable.Range(1, Total).Select(Text), received.Select(i => i.EventId));
        Assert.All(received, i => Assert.Equal("n", i.EventType));
        Assert.True(connections > Drops, $"{connections} connections");
    }

    [Fact]
    public async Task TypedReader_ReturnsKnownEventsAsValues_AndSkipsUnknownOnes()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/mixed", (HttpContext context) =>
            SseResponse.StreamAsync(context, AsyncItems.From(1, 2, 3), static (w, i) =>
            {
                w.WriteEvent("{\"other\":true}".AsSpan(), eventType: "unknown-kind");
                w.WriteJsonEvent(new Tick(i, "t" + i), TestJsonContext.Default.Tick, eventType: "tick");
            })));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var client = new SseClient(http, Fast);

        var ticks = new List<Tick>();
        await foreach (SseItem<Tick> item in client.StreamAsync<Tick>(new SseClientRequest("/mixed"), ReadTick, TestTimeout.After(20)))
        {
            ticks.Add(item.Data);
        }

        Assert.Equal([new Tick(1, "t1"), new Tick(2, "t2"), new Tick(3, "t3")], ticks);
    }

    [Fact]
    public async Task BadRequest_ThrowsTheServersProblemDetails_WithoutRetrying()
    {
        int requests = 0;
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/checked", (HttpContext context) =>
        {
            Interlocked.Increment(ref requests);
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["count"] = ["The value 'x' is not valid."] }).ExecuteAsync(context);
        }));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        SseProblemException problem = await Assert.ThrowsAsync<SseProblemException>(() => ReadAllAsync(new SseClient(http, Fast), "/checked"));

        Assert.Equal(HttpStatusCode.BadRequest, problem.StatusCode);
        Assert.Equal(["The value 'x' is not valid."], problem.Problem.Errors["count"]);
        Assert.Equal(1, requests);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task ClientErrors_FailAtOnce_WithoutRetrying(int status)
    {
        int requests = 0;
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/denied", (HttpContext context) =>
        {
            Interlocked.Increment(ref requests);
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        SseClientException failure = await Assert.ThrowsAsync<SseClientException>(() => ReadAllAsync(new SseClient(http, Fast), "/denied"));

        Assert.Equal((HttpStatusCode)status, failure.StatusCode);
        Assert.Equal(1, requests);
    }

    [Fact]
    public async Task HtmlErrorPage_IsNotReadAsEvents_AndNotRetried()
    {
        int requests = 0;
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/proxy-page", (HttpContext context) =>
        {
            Interlocked.Increment(ref requests);
            return context.Response.WriteAsync("<html><body>data: not an event\n\n</body></html>");
        }));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        SseClientException failure = await Assert.ThrowsAsync<SseClientException>(() => ReadAllAsync(new SseClient(http, Fast), "/proxy-page"));

        Assert.Contains("text/event-stream", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, requests);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task Unavailable_IsRetriedAfterRetryAfter_ThenStreams(int status)
    {
        int requests = 0;
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/busy", (HttpContext context) =>
        {
            if (Interlocked.Increment(ref requests) == 1)
            {
                context.Response.StatusCode = status;
                context.Response.Headers.RetryAfter = "0";
                return Task.CompletedTask;
            }

            return SseResponse.StreamAsync(context, AsyncItems.From("ready"), static (w, s) => w.WriteEvent(s));
        }));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        List<string> data = await ReadAllAsync(new SseClient(http, Fast), "/busy");

        Assert.Equal(["ready"], data);
        Assert.Equal(2, requests);
    }

    [Fact]
    public async Task ServerErrorsInARow_BackOff_ThenGiveUpAfterMaxFailedAttempts()
    {
        int requests = 0;
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/down", (HttpContext context) =>
        {
            Interlocked.Increment(ref requests);
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return Task.CompletedTask;
        }));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var options = new SseClientOptions { ReconnectDelay = TimeSpan.FromMilliseconds(5), MaxReconnectDelay = TimeSpan.FromMilliseconds(20), MaxFailedAttempts = 3, IdleTimeout = null };

        SseClientException failure = await Assert.ThrowsAsync<SseClientException>(() => ReadAllAsync(new SseClient(http, options), "/down"));

        Assert.Contains("gave up", failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, requests);
    }

    [Fact]
    public async Task SilentConnection_IsReplaced_AfterTheIdleTimeout_AndResumes()
    {
        int connections = 0;
        var release = new TaskCompletionSource();
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/silent", async (HttpContext context) =>
        {
            if (Interlocked.Increment(ref connections) > 1)
            {
                if (context.Request.Headers["Last-Event-ID"] == "1")
                {
                    await SseResponse.StreamAsync(context, AsyncItems.From("2"), static (w, s) => w.WriteEvent(s, id: s));
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                }

                return;
            }

            SseResponse.Start(context.Response);
            new SseFrameWriter(context.Response.BodyWriter).WriteEvent("1".AsSpan(), id: "1");
            await context.Response.BodyWriter.FlushAsync();

            // Half-open: the connection stays up and nothing more comes, not even a heartbeat.
            await release.Task.WaitAsync(context.RequestAborted).ContinueWith(static _ => { });
        }));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var options = new SseClientOptions { ReconnectDelay = TimeSpan.FromMilliseconds(10), IdleTimeout = TimeSpan.FromMilliseconds(300), MaxFailedAttempts = 5 };

        List<string> data = await ReadAllAsync(new SseClient(http, options), "/silent");
        release.TrySetResult();

        Assert.Equal(["1", "2"], data);
        Assert.Equal(3, connections);
    }

    [Fact]
    public async Task SilentConnection_WhoseReadDisposingCannotWake_IsReplacedThroughTheReadsToken()
    {
        // A transport whose pending read ignores the response being disposed and ends only when its token is
        // cancelled: the idle timeout must reach the read itself, or the client waits for ever.
        var handler = new ScriptedHandler(
            () => new HangingBody("id: 1\ndata: 1\n\n"u8.ToArray()),
            () => new MemoryStream("id: 2\ndata: 2\n\n"u8.ToArray()));
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://scripted.invalid/") };
        var options = new SseClientOptions { ReconnectDelay = TimeSpan.FromMilliseconds(10), IdleTimeout = TimeSpan.FromMilliseconds(300), MaxFailedAttempts = 5 };

        List<string> data = await ReadAllAsync(new SseClient(http, options), "/silent");

        Assert.Equal(["1", "2"], data);
        Assert.Equal(["", "1", "2"], handler.LastEventIds);
    }

    [Fact]
    public async Task HeartbeatsKeepASlowStreamAlive_PastTheIdleTimeout()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/slow", async (HttpContext context) =>
        {
            SseResponse.Start(context.Response);
            var frames = new SseFrameWriter(context.Response.BodyWriter);
            // 2.4 s of heartbeats 100 ms apart, past an idle timeout of 1.5 s: the margin is wide so that a loaded
            // machine delaying one heartbeat does not make the connection look silent.
            for (int i = 0; i < 24; i++)
            {
                frames.WriteComment("");
                await context.Response.BodyWriter.FlushAsync();
                await Task.Delay(100);
            }

            frames.WriteEvent("late".AsSpan());
            await context.Response.BodyWriter.FlushAsync();
        }));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var options = new SseClientOptions { IdleTimeout = TimeSpan.FromMilliseconds(1500), MaxFailedAttempts = 1 };

        Assert.Equal(["late"], await ReadAllAsync(new SseClient(http, options), "/slow"));
    }

    [Fact]
    public async Task CloseDelimitedBodyCutMidEvent_HalfEventNeverDelivered_ClientResumes()
    {
        await using var server = new ScriptedHttpServer(async (index, head, stream) =>
        {
            if (index == 0)
            {
                await ScriptedHttpServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\nid: 1\ndata: one\n\nid: 2\ndata: tw");
                return;
            }

            await ScriptedHttpServer.WriteAsync(stream, head.Contains("Last-Event-ID: 1", StringComparison.Ordinal)
                ? "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: 17\r\n\r\nid: 2\ndata: two\n\n"
                : "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
        });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        List<string> data = await ReadAllAsync(new SseClient(http, Fast), "/events");

        Assert.Equal(["one", "two"], data);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task BrokenChunkedEncoding_IsAReconnect_NeverAHalfEvent()
    {
        var firstRead = new TaskCompletionSource();
        await using var server = new ScriptedHttpServer(async (index, head, stream) =>
        {
            if (index == 0)
            {
                await ScriptedHttpServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n11\r\nid: 1\ndata: one\n\n\r\n");

                // The bad chunk comes once the client has the first event, so one read never holds both.
                await firstRead.Task.WaitAsync(TimeSpan.FromSeconds(20));
                await ScriptedHttpServer.WriteAsync(stream, "zz\r\nid: 2\ndata: tw\r\n");
                return;
            }

            await ScriptedHttpServer.WriteAsync(stream, head.Contains("Last-Event-ID: 1", StringComparison.Ordinal)
                ? "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n11\r\nid: 2\ndata: two\n\n\r\n0\r\n\r\n"
                : "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
        });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        var data = new List<string>();
        await foreach (SseItem<string> item in new SseClient(http, Fast).StreamAsync(new SseClientRequest("/events"), TestTimeout.After(30)))
        {
            data.Add(item.Data);
            firstRead.TrySetResult();
        }

        Assert.Equal(["one", "two"], data);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Cancellation_EndsTheEnumeration_AndTheServerSeesTheDisconnect()
    {
        var disconnected = new TaskCompletionSource();
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/endless", async (HttpContext context) =>
        {
            context.RequestAborted.Register(() => disconnected.TrySetResult());
            await SseResponse.StreamAsync(context, Endless(context.RequestAborted), static (w, i) => w.WriteEvent(Text(i).AsSpan(), id: Text(i)), cancellationToken: context.RequestAborted);
        }));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestTimeout.After(20));
        int seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (SseItem<string> _ in new SseClient(http, Fast).StreamAsync(new SseClientRequest("/endless"), stop.Token))
            {
                if (++seen == 3)
                {
                    stop.Cancel();
                }
            }
        });

        await disconnected.Task.WaitAsync(TestTimeout.After(10));
        Assert.Equal(3, seen);
    }

    [Fact]
    public async Task Cancellation_WithEventsAlreadyBuffered_DeliversNoneOfThem()
    {
        // Ten events in one burst reach the client in one read; a cancel after the first must stop the rest, which the
        // parser already holds.
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/burst", async (HttpContext context) =>
        {
            await SseResponse.StreamAsync(context, BurstThenWait(context.RequestAborted), static (w, i) => w.WriteEvent(Text(i).AsSpan(), id: Text(i)), cancellationToken: context.RequestAborted);
        }));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestTimeout.After(20));
        var seen = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (SseItem<string> item in new SseClient(http, Fast).StreamAsync(new SseClientRequest("/burst"), stop.Token))
            {
                seen.Add(item.Data);
                stop.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            using var rawStop = CancellationTokenSource.CreateLinkedTokenSource(TestTimeout.After(20));
            await foreach (SseRawEvent _ in new SseClient(http, Fast).StreamRawAsync(new SseClientRequest("/burst"), cancellationToken: rawStop.Token))
            {
                seen.Add("raw");
                rawStop.Cancel();
            }
        });

        Assert.Equal(["0", "raw"], seen);
    }

    private static async IAsyncEnumerable<int> BurstThenWait([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        for (int i = 0; i < 10; i++)
        {
            yield return i;
        }

        await Task.Delay(Timeout.Infinite, ct);
    }

    [Fact]
    public async Task BreakingOutOfTheLoop_ClosesTheConnection()
    {
        var disconnected = new TaskCompletionSource();
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/endless", async (HttpContext context) =>
        {
            context.RequestAborted.Register(() => disconnected.TrySetResult());
            await SseResponse.StreamAsync(context, Endless(context.RequestAborted), static (w, i) => w.WriteEvent(Text(i).AsSpan()), cancellationToken: context.RequestAborted);
        }));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        await foreach (SseItem<string> item in new SseClient(http, Fast).StreamAsync(new SseClientRequest("/endless"), TestTimeout.After(20)))
        {
            break;
        }

        await disconnected.Task.WaitAsync(TestTimeout.After(10));
    }

    private static async IAsyncEnumerable<int> Endless([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        for (int i = 0; i < 100_000; i++)
        {
            yield return i;
            await Task.Delay(5, ct);
        }
    }

    private static bool ReadTick(string eventType, ReadOnlySpan<byte> data, out Tick value)
    {
        if (eventType == "tick")
        {
            value = JsonSerializer.Deserialize(data, TestJsonContext.Default.Tick)!;
            return true;
        }

        value = null!;
        return false;
    }

    private static async Task<List<string>> ReadAllAsync(SseClient client, string path)
    {
        var data = new List<string>();
        await foreach (SseItem<string> item in client.StreamAsync(new SseClientRequest(path), TestTimeout.After(30)))
        {
            data.Add(item.Data);
        }

        return data;
    }

    private static string Text(int i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>Answers each request with the next body as an event stream, then 204; notes each Last-Event-ID sent.</summary>
    private sealed class ScriptedHandler(params Func<Stream>[] bodies) : HttpMessageHandler
    {
        private int _next;

        public List<string> LastEventIds { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastEventIds.Add(request.Headers.TryGetValues("Last-Event-ID", out IEnumerable<string>? ids) ? string.Concat(ids) : string.Empty);
            if (_next == bodies.Length)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
            }

            var content = new StreamContent(bodies[_next++]());
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        }
    }

    /// <summary>Gives its bytes, then a read that only its token's cancellation ends: disposing the stream does not.</summary>
    private sealed class HangingBody(byte[] first) : ReadOnlyTestStream
    {
        private bool _gave;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_gave)
            {
                _gave = true;
                first.CopyTo(buffer);
                return first.Length;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
