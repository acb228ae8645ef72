using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SseGen.IntegrationTests.Http2;

/// <summary>
/// The send timeout over HTTP/2, where many streams share one connection: a client that stops reading one stream fills
/// only that stream's flow-control window, and the timeout must reset that stream, not the connection under the others.
/// </summary>
public sealed class Http2SendTimeoutTests
{
    // RST_STREAM's INTERNAL_ERROR (RFC 9113, section 7): what Kestrel sends when the application aborts an HTTP/2 stream.
    private const long InternalError = 0x2;

    [Theory]
    [InlineData(HttpTransport.Http2Tls)]
    [InlineData(HttpTransport.H2c)]
    public async Task StreamWhoseClientStopsReading_IsResetBySendTimeout_WhileAnotherStreamOnTheConnectionFlows(HttpTransport transport)
    {
        var logs = new CapturingLoggerProvider();
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var produced = new StrongBox<int>();
        var live = Channel.CreateUnbounded<string>();
        var connectionIds = new ConcurrentDictionary<string, string>();
        await using TransportTestApp app = await TransportTestApp.StartAsync(
            transport,
            configure: builder =>
            {
                builder.Services.Configure<SseOptions>(o => o.SendTimeout = TimeSpan.FromSeconds(1));
                builder.Logging.AddProvider(logs);
            },
            map: web =>
            {
                web.MapGet("/firehose", (HttpContext context) =>
                {
                    connectionIds["firehose"] = context.Connection.Id;
                    return SseResponse.StreamAsync(context, AsyncItems.Firehose(ended, produced, context.RequestAborted), static (w, s) => w.WriteEvent(s), new SseStreamOptions { EndpointName = "firehose" }, context.RequestAborted);
                });
                web.MapGet("/live", (HttpContext context) =>
                {
                    connectionIds["live"] = context.Connection.Id;
                    return SseResponse.StreamAsync(context, live.Reader.ReadAllAsync(context.RequestAborted), static (w, s) => w.WriteEvent(s), new SseStreamOptions { EndpointName = "live" }, context.RequestAborted);
                });
            });
        using var meter = new SseMeterListener(app.App.Services.GetRequiredService<IMeterFactory>());
        using HttpClient client = app.CreateClient();
        CancellationToken ct = TestTimeout.After(30);

        using HttpResponseMessage liveResponse = await client.GetAsync("/live", HttpCompletionOption.ResponseHeadersRead, ct);
        await using IAsyncEnumerator<SseItem<string>> liveEvents = SseParser.Create(await liveResponse.Content.ReadAsStreamAsync(ct)).EnumerateAsync(ct).GetAsyncEnumerator(ct);
        await live.Writer.WriteAsync("before", ct);
        Assert.True(await liveEvents.MoveNextAsync());
        Assert.Equal("before", liveEvents.Current.Data);

        // Headers only, then nothing read: the stream's window (64 KB from HttpClient) fills and the server's flush waits.
        using HttpResponseMessage stalled = await client.GetAsync("/firehose", HttpCompletionOption.ResponseHeadersRead, ct);
        await ended.Task.WaitAsync(ct);
        await WaitForAsync(() => logs.Records.Any(r => r.Category == "SseGen" && r.EventId.Id == 3), ct);

        // The stream next to it, on the same connection, still delivers what is written after the timeout.
        await live.Writer.WriteAsync("after", ct);
        Assert.True(await liveEvents.MoveNextAsync());
        Assert.Equal("after", liveEvents.Current.Data);

        // What the client had buffered of the stalled stream reads out, then the reset, not a clean or a connection-wide end.
        await using Stream stalledBody = await stalled.Content.ReadAsStreamAsync(ct);
        HttpProtocolException reset = await Assert.ThrowsAsync<HttpProtocolException>(() => stalledBody.CopyToAsync(Stream.Null, ct));

        Assert.Equal(HttpVersion.Version20, liveResponse.Version);
        Assert.Equal(HttpVersion.Version20, stalled.Version);
        Assert.Equal(connectionIds["live"], connectionIds["firehose"]);
        Assert.Equal(InternalError, reset.ErrorCode);
        var record = Assert.Single(logs.Records, r => r.Category == "SseGen" && r.EventId.Id == 3);
        Assert.Contains("'firehose'", record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Records, r => r.Level >= LogLevel.Warning && !IsKeyRingSetup(r.Category));
        Assert.Equal(1, meter["ssegen.timeouts"]);

        // Backpressure per stream: the server pulled only what the stream's window and Kestrel's buffer hold (64 KB events).
        Assert.InRange(produced.Value, 1, 16);
    }

    // The test app's authentication makes a data-protection key on first use, with a warning that it is not encrypted at rest.
    private static bool IsKeyRingSetup(string category) => category.StartsWith("Microsoft.AspNetCore.DataProtection.", StringComparison.Ordinal);

    private static async Task WaitForAsync(Func<bool> condition, CancellationToken ct)
    {
        while (!condition())
        {
            await Task.Delay(20, ct);
        }
    }
}
