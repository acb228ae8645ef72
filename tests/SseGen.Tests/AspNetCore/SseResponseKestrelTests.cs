using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SseGen.Tests.AspNetCore;

/// <summary>The Kestrel sink on a real loopback port, read byte by byte from a raw socket.</summary>
public sealed class SseResponseKestrelTests
{

    [Fact]
    public async Task Response_HasEventStreamHeaders_AndIsChunked_WithoutContentLengthOrClose()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
            web.MapGet("/events", (HttpContext context) => SseResponse.StreamAsync(context, AsyncItems.From("a"), static (w, s) => w.WriteEvent(s))));
        CancellationToken ct = TestTimeout.After(20);

        await using NetworkStream stream = await app.SendGetAsync("/events", ct);
        var reader = new StrictChunkedReader(stream);
        Dictionary<string, string> headers = await ReadHeadAsync(reader, ct);

        Assert.Equal("text/event-stream", headers["content-type"]);
        Assert.Equal("chunked", headers["transfer-encoding"]);
        Assert.Equal("no-cache, no-transform", headers["cache-control"]);
        Assert.Equal("no", headers["x-accel-buffering"]);
        Assert.Equal("identity", headers["content-encoding"]);
        Assert.False(headers.ContainsKey("content-length"));
        Assert.False(headers.TryGetValue("connection", out string? connection) && connection.Contains("close", StringComparison.OrdinalIgnoreCase));
        List<byte[]> chunks = await reader.ReadToEndAsync(ct);
        Assert.Equal("a", Assert.Single(SseOracle.Parse(chunks.SelectMany(c => c).ToArray())).Data);
    }

    [Fact]
    public async Task Events_ArriveOneByOne_BeforeTheStreamEnds()
    {
        var produced = Channel.CreateUnbounded<string>();
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
            web.MapGet("/events", (HttpContext context) =>
                SseResponse.StreamAsync(context, produced.Reader.ReadAllAsync(context.RequestAborted), static (w, s) => w.WriteEvent(s, eventType: "step"), cancellationToken: context.RequestAborted)));
        CancellationToken ct = TestTimeout.After(20);
        await using NetworkStream stream = await app.SendGetAsync("/events", ct);
        var reader = new StrictChunkedReader(stream);
        await ReadHeadAsync(reader, ct);

        for (int i = 0; i < 5; i++)
        {
            // The next event is produced only after the previous one was read: each must have been flushed on its own.
            await produced.Writer.WriteAsync($"event {i}", ct);
            byte[] chunk = await reader.ReadChunkAsync(ct);
            var item = Assert.Single(SseOracle.Parse(chunk));
            Assert.Equal($"event {i}", item.Data);
            Assert.Equal("step", item.EventType);
        }

        produced.Writer.Complete();
        Assert.Empty(await reader.ReadToEndAsync(ct));
    }

    [Fact]
    public async Task ReadyItems_AreCoalescedIntoFewerChunks_AndAllArrive()
    {
        const int Count = 200;
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
            web.MapGet("/burst", (HttpContext context) =>
                SseResponse.StreamAsync(context, AsyncItems.From([.. Enumerable.Range(0, Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))]), static (w, s) => w.WriteEvent(s, id: s))));
        CancellationToken ct = TestTimeout.After(20);
        await using NetworkStream stream = await app.SendGetAsync("/burst", ct);
        var reader = new StrictChunkedReader(stream);
        await ReadHeadAsync(reader, ct);

        List<byte[]> chunks = await reader.ReadToEndAsync(ct);

        var items = SseOracle.Parse(chunks.SelectMany(c => c).ToArray());
        Assert.Equal(Enumerable.Range(0, Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), items.Select(i => i.Data));
        Assert.True(chunks.Count < Count / 4, $"{Count} ready events took {chunks.Count} chunks");
    }

    [Fact]
    public async Task ClientDisconnect_EndsAndDisposesTheEnumerator_AndLogsNoError()
    {
        var disposed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
            web.MapGet("/endless", (HttpContext context) =>
                SseResponse.StreamAsync(context, Endless(disposed, context.RequestAborted), static (w, i) => w.WriteEvent(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken: context.RequestAborted)));
        CancellationToken ct = TestTimeout.After(20);
        NetworkStream stream = await app.SendGetAsync("/endless", ct);
        var reader = new StrictChunkedReader(stream);
        await ReadHeadAsync(reader, ct);
        Assert.Equal("0", Assert.Single(SseOracle.Parse(await reader.ReadChunkAsync(ct))).Data);

        stream.Socket.Close(0); // RST: the rudest way a client can leave
        await stream.DisposeAsync();

        await disposed.Task.WaitAsync(ct);
        await Task.Delay(100, ct);
        Assert.DoesNotContain(app.Logs.Records, r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task ItemsThrowAfterFirstEvent_BodyEndsCleanly_WithoutDetail_AndOneErrorIsLogged()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
            web.MapGet("/fails", (HttpContext context) =>
                SseResponse.StreamAsync(context, FailAfterOne(), static (w, s) => w.WriteEvent(s), new SseStreamOptions { EndpointName = "fails" })));
        using var meter = new SseMeterListener(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        CancellationToken ct = TestTimeout.After(20);
        await using NetworkStream stream = await app.SendGetAsync("/fails", ct);
        var reader = new StrictChunkedReader(stream);
        await ReadHeadAsync(reader, ct);

        List<byte[]> chunks = await reader.ReadToEndAsync(ct);

        string body = Encoding.UTF8.GetString([.. chunks.SelectMany(c => c)]);
        Assert.Equal("first", Assert.Single(SseOracle.Parse(Encoding.UTF8.GetBytes(body))).Data);
        Assert.DoesNotContain("secret", body, StringComparison.Ordinal);
        var error = Assert.Single(app.Logs.Records, r => r.Level >= LogLevel.Error);
        Assert.Contains("'fails' failed after 1 events", error.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(error.Exception);
        Assert.Equal(1, meter["ssegen.failures"]);
        Assert.Equal(1, meter["ssegen.events"]);
        Assert.Equal("data: first\n\n".Length, meter["ssegen.bytes"]);
    }

    [Fact]
    public async Task ItemsThrowBeforeTheFirstEvent_TheExceptionPipelineAnswers500()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
            web.MapGet("/broken", (HttpContext context) =>
                SseResponse.StreamAsync(context, FailAtOnce(), static (w, s) => w.WriteEvent(s))));
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        using HttpResponseMessage response = await client.GetAsync("broken", TestTimeout.After(20));

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.NotEqual("text/event-stream", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RetryOption_IsSentFirst()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
            web.MapGet("/retry", (HttpContext context) =>
                SseResponse.StreamAsync(context, AsyncItems.From("x"), static (w, s) => w.WriteEvent(s), new SseStreamOptions { RetryMilliseconds = 2500 })));
        CancellationToken ct = TestTimeout.After(20);
        await using NetworkStream stream = await app.SendGetAsync("/retry", ct);
        var reader = new StrictChunkedReader(stream);
        await ReadHeadAsync(reader, ct);

        string body = Encoding.UTF8.GetString([.. (await reader.ReadToEndAsync(ct)).SelectMany(c => c)]);

        Assert.StartsWith("retry: 2500\n\n", body, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, string>> ReadHeadAsync(StrictChunkedReader reader, CancellationToken ct)
    {
        (string status, Dictionary<string, string> headers) = await reader.ReadResponseHeadAsync(ct);
        Assert.Equal("HTTP/1.1 200 OK", status);
        return headers;
    }

    private static async IAsyncEnumerable<int> Endless(TaskCompletionSource disposed, [EnumeratorCancellation] CancellationToken ct)
    {
        try
        {
            for (int i = 0; i < 10_000; i++)
            {
                yield return i;
                await Task.Delay(50, ct);
            }
        }
        finally
        {
            disposed.TrySetResult();
        }
    }

#pragma warning disable CS1998 // the point is an enumerator that fails before it ever awaits
    private static async IAsyncEnumerable<string> FailAtOnce()
    {
        throw new InvalidOperationException("broken before the first event");
#pragma warning disable CS0162
        yield break;
#pragma warning restore CS0162
    }
#pragma warning restore CS1998

    private static async IAsyncEnumerable<string> FailAfterOne()
    {
        yield return "first";
        await Task.Yield();
        throw new InvalidOperationException("secret detail that must not reach the client");
    }
}
