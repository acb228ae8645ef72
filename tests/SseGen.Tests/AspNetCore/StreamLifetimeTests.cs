using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SseGen.Tests.AspNetCore;

/// <summary>Heartbeats, send timeouts and shutdown of streams on a real Kestrel server.</summary>
public sealed class StreamLifetimeTests
{

    [Fact]
    public async Task IdleStream_GetsCommentHeartbeats_ThenEventsStillArrive()
    {
        var produced = Channel.CreateUnbounded<string>();
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/idle", (HttpContext context) =>
            SseResponse.StreamAsync(context, produced.Reader.ReadAllAsync(), static (w, s) => w.WriteEvent(s), new SseStreamOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(200) }, context.RequestAborted)));
        using var meter = new SseMeterListener(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        CancellationToken ct = TestTimeout.After(20);
        await using NetworkStream stream = await app.SendGetAsync("/idle", ct);
        var reader = new StrictChunkedReader(stream);
        await SkipHeadAsync(reader, ct);

        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(":\n\n", Encoding.UTF8.GetString(await reader.ReadChunkAsync(ct)));
        }

        await produced.Writer.WriteAsync("after the silence", ct);
        string next;
        do
        {
            next = Encoding.UTF8.GetString(await reader.ReadChunkAsync(ct));
        }
        while (next == ":\n\n");
        Assert.Equal("after the silence", Assert.Single(SseOracle.Parse(Encoding.UTF8.GetBytes(next))).Data);
        Assert.True(meter["ssegen.heartbeats"] >= 2, $"{meter["ssegen.heartbeats"]} heartbeats counted");
        Assert.Equal(1, meter["ssegen.events"]);
        Assert.Equal(1, meter["ssegen.streams.active"]);
    }

    [Fact]
    public async Task HeartbeatsZero_SendNothingWhileIdle()
    {
        var produced = Channel.CreateUnbounded<string>();
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/quiet", (HttpContext context) =>
            SseResponse.StreamAsync(context, produced.Reader.ReadAllAsync(), static (w, s) => w.WriteEvent(s), new SseStreamOptions { HeartbeatInterval = TimeSpan.Zero }, context.RequestAborted)));
        CancellationToken ct = TestTimeout.After(20);
        await using NetworkStream stream = await app.SendGetAsync("/quiet", ct);
        var reader = new StrictChunkedReader(stream);
        await SkipHeadAsync(reader, ct);

        Task<byte[]> firstChunk = reader.ReadChunkAsync(ct);
        await Task.Delay(700, ct);
        Assert.False(firstChunk.IsCompleted, "a stream with heartbeats off sent something while idle");

        await produced.Writer.WriteAsync("x", ct);
        Assert.Equal("x", Assert.Single(SseOracle.Parse(await firstChunk)).Data);
    }

    [Fact]
    public async Task HeartbeatsBetweenSlowEvents_NeverLandInsideAnEvent()
    {
        // Gaps of 250 ms leave the monitor (100 ms ticks) whole idle ticks in which to send heartbeats.
        const int Count = 10;
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/mixed", (HttpContext context) =>
            SseResponse.StreamAsync(context, Paced(Count, TimeSpan.FromMilliseconds(250)), static (w, i) => w.WriteEvent($"line one {i}\nline two {i}", eventType: "pair", id: i.ToString(System.Globalization.CultureInfo.InvariantCulture)), new SseStreamOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(1) }, context.RequestAborted)));
        CancellationToken ct = TestTimeout.After(30);
        await using NetworkStream stream = await app.SendGetAsync("/mixed", ct);
        var reader = new StrictChunkedReader(stream);
        await SkipHeadAsync(reader, ct);

        List<byte[]> chunks = await reader.ReadToEndAsync(ct);

        byte[] body = [.. chunks.SelectMany(c => c)];
        var items = SseOracle.Parse(body);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"line one {i}\nline two {i}"), items.Select(i => i.Data));
        Assert.All(items, i => Assert.Equal("pair", i.EventType));
        Assert.Contains(":\n\n", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientThatStopsReading_IsCutOffBySendTimeout_AndTheEnumeratorEnds()
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var produced = new StrongBox<int>();
        await using LoopbackApp app = await LoopbackApp.StartAsync(
            web => web.MapGet("/firehose", (HttpContext context) =>
                SseResponse.StreamAsync(context, AsyncItems.Firehose(ended, produced, context.RequestAborted), static (w, s) => w.WriteEvent(s), new SseStreamOptions { EndpointName = "firehose" }, context.RequestAborted)),
            services => services.Configure<SseOptions>(o => o.SendTimeout = TimeSpan.FromSeconds(1)));
        using var meter = new SseMeterListener(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        CancellationToken ct = TestTimeout.After(30);
        await using NetworkStream stream = await app.SendGetAsync("/firehose", ct);
        stream.Socket.ReceiveBufferSize = 4096;

        // Read nothing: the server's buffers fill, its flush waits, and the send timeout must end the stream.
        await ended.Task.WaitAsync(ct);

        await WaitForAsync(() => app.Logs.Records.Any(r => r.Category == "SseGen" && r.EventId.Id == 3), ct);
        var record = Assert.Single(app.Logs.Records, r => r.Category == "SseGen" && r.EventId.Id == 3);
        Assert.Contains("'firehose'", record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Records, r => r.Level >= LogLevel.Warning);

        // Backpressure, not buffering: while the client read nothing, the server pulled only what fits in the
        // transport's buffers (64 KB events; a server that buffered would have pulled all 100,000, 6.4 GB).
        Assert.InRange(produced.Value, 1, 256);
        Assert.Equal(1, meter["ssegen.timeouts"]);
    }

    [Fact]
    public async Task HostShutdown_EndsOpenStreamsCleanly_WithTheLastChunk()
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using LoopbackApp app = await LoopbackApp.StartAsync(
            web => web.MapGet("/forever", (HttpContext context) =>
                SseResponse.StreamAsync(context, Forever(ended), static (w, i) => w.WriteEvent(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken: context.RequestAborted)),
            services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15)));
        CancellationToken ct = TestTimeout.After(30);
        await using NetworkStream stream = await app.SendGetAsync("/forever", ct);
        var reader = new StrictChunkedReader(stream);
        await SkipHeadAsync(reader, ct);
        Assert.Equal("0", Assert.Single(SseOracle.Parse(await reader.ReadChunkAsync(ct))).Data);

        Task stopping = app.StopAsync(ct);

        // The terminating chunk proves the body was ended by the stream, not cut by the host's timeout.
        while ((await reader.ReadChunkAsync(ct)).Length > 0)
        {
        }

        await ended.Task.WaitAsync(ct);
        await stopping.WaitAsync(ct);
    }

    private static async Task SkipHeadAsync(StrictChunkedReader reader, CancellationToken ct) =>
        Assert.Equal("HTTP/1.1 200 OK", (await reader.ReadResponseHeadAsync(ct)).Status);

    private static async Task WaitForAsync(Func<bool> condition, CancellationToken ct)
    {
        while (!condition())
        {
            await Task.Delay(20, ct);
        }
    }

    private static async IAsyncEnumerable<int> Paced(int count, TimeSpan gap)
    {
        for (int i = 0; i < count; i++)
        {
            yield return i;
            await Task.Delay(gap);
        }
    }

    private static async IAsyncEnumerable<int> Forever(TaskCompletionSource ended, [EnumeratorCancellation] CancellationToken ct = default)
    {
        try
        {
            for (int i = 0; i < 100_000; i++)
            {
                yield return i;
                await Task.Delay(100, ct);
            }
        }
        finally
        {
            ended.TrySetResult();
        }
    }
}
