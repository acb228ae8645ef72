using System.Globalization;
using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SseGen.Client;
using SseGen.IntegrationTests.Client;
using SseGen.TestApp;
using SseGen.TestLibrary.Live;

namespace SseGen.IntegrationTests.RealPrograms;

/// <summary>
/// The generated client of <see cref="ILiveFeeds"/> through the real nginx and Caddy of <see cref="ReverseProxyTests"/>,
/// with their configs from this folder: against the test app for every item kind, and against origins that die mid-event
/// or go silent, to show that reconnects and resumption survive a proxy between the two sides.
/// </summary>
public sealed class GeneratedClientThroughProxyTests(ProxiedTestApp app) : IClassFixture<ProxiedTestApp>
{
    private static readonly SseClientOptions Fast = new()
    {
        ReconnectDelay = TimeSpan.FromMilliseconds(10),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(100),
        MaxFailedAttempts = 5,
        IdleTimeout = null,
    };

    public static TheoryData<string> Proxies => ["nginx", "caddy"];

    [Theory]
    [MemberData(nameof(Proxies))]
    public async Task TextItems_ComeBackWithTheirLines_FromTheEscapedRouteValue_ThroughTheProxy(string proxyName)
    {
        CancellationToken ct = TestTimeout.After(30);
        using HttpClient http = await TestAppThroughAsync(proxyName, ct);

        List<string> words = await ToListAsync(Feeds(http).Words("a b?c#d", 3, ct), ct);

        Assert.Equal(["a b?c#d 0\nsecond line", "a b?c#d 1", "a b?c#d 2"], words);
    }

    [Theory]
    [MemberData(nameof(Proxies))]
    public async Task JsonItems_ComeBackTyped_WithTheHeaderTheProxyPassesOn(string proxyName)
    {
        CancellationToken ct = TestTimeout.After(30);
        using HttpClient http = await TestAppThroughAsync(proxyName, ct);

        List<LiveTick> ticks = await ToListAsync(Feeds(http).Ticks(5, 3, ct), ct);

        Assert.Equal([new LiveTick(5, "tick 5"), new LiveTick(6, "tick 6"), new LiveTick(7, "tick 7")], ticks);
    }

    [Theory]
    [MemberData(nameof(Proxies))]
    public async Task SseItemsOfJson_KeepTheirEventTypesAndIds_ThroughTheProxy(string proxyName)
    {
        CancellationToken ct = TestTimeout.After(30);
        using HttpClient http = await TestAppThroughAsync(proxyName, ct);

        // The stream has ids, so its clean end is a reconnect: read the two prices it has.
        List<SseItem<LivePrice>> prices = await ToListAsync(Feeds(http).Prices("MSFT", LiveScale.Hundred, ct), ct, take: 2);

        Assert.Equal(["price", "close"], prices.Select(p => p.EventType));
        Assert.Equal(["p1", "p2"], prices.Select(p => p.EventId));
        Assert.Equal([new LivePrice("MSFT", 150m), new LivePrice("MSFT", 250m)], prices.Select(p => p.Data));
    }

    [Theory]
    [MemberData(nameof(Proxies))]
    public async Task Union_ComesBackAsTheDerivedTypeOfEachEventName_ThroughTheProxy(string proxyName)
    {
        CancellationToken ct = TestTimeout.After(30);
        using HttpClient http = await TestAppThroughAsync(proxyName, ct);

        List<LiveEvent> events = await ToListAsync(Feeds(http).Room("lobby", "ann", ct), ct);

        Assert.Equal<LiveEvent>([new LiveJoined("lobby", "ann"), new LiveSaid("lobby", "ann", "hello\r\nworld"), new LiveLeft("lobby", "ann")], events);
    }

    [Theory]
    [MemberData(nameof(Proxies))]
    public async Task StreamThatEndsEveryTwoItems_IsResumedWithLastEventId_ThroughTheProxy(string proxyName)
    {
        const int Total = 3 * LiveFeeds.NotesPerConnection;
        CancellationToken ct = TestTimeout.After(30);
        using HttpClient http = await TestAppThroughAsync(proxyName, ct);

        List<SseItem<string>> notes = await ToListAsync(Feeds(http).Notes(null, Total, ct), ct, take: Total);

        Assert.Equal(Enumerable.Range(1, Total).Select(i => "note " + Text(i)), notes.Select(n => n.Data));
        Assert.Equal(Enumerable.Range(1, Total).Select(Text), notes.Select(n => n.EventId));
    }

    [Theory]
    [MemberData(nameof(Proxies))]
    public async Task OriginDiesMidEventNTimes_ClientYieldsEveryNoteExactlyOnce_ThroughTheProxy_ThenStopsOn204(string proxyName)
    {
        // As SseClientTests' direct case: three whole notes, half of a fourth, then the connection is reset, on every
        // connection until the last note. Behind a proxy the client sees the proxy's reaction to the reset (a cut
        // response), never the origin's socket; the half note must still never be delivered.
        const int Total = 12;
        const int PerConnection = 3;
        const int Drops = Total / PerConnection;
        int connections = 0;
        await using LoopbackApp origin = await LoopbackApp.StartAsync(web => web.MapGet("/live/notes", async (HttpContext context) =>
        {
            int connection = Interlocked.Increment(ref connections);
            int after = LastEventId(context);
            if (after >= Total)
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            SseResponse.Start(context.Response);
            var frames = new SseFrameWriter(context.Response.BodyWriter);
            frames.WriteRetry(10);
            for (int i = after + 1; i <= Math.Min(after + PerConnection, Total); i++)
            {
                frames.WriteEvent(("note " + Text(i)).AsSpan(), eventType: "note", id: Text(i));
            }

            if (connection <= Drops)
            {
                // The pause lets Kestrel hand the bytes to the socket before the abort resets it (what is lost is resumed).
                await context.Response.BodyWriter.WriteAsync("event: note\nid: 999\ndata: half"u8.ToArray());
                await context.Response.BodyWriter.FlushAsync();
                await Task.Delay(100);
                context.Abort();
                return;
            }

            await context.Response.BodyWriter.FlushAsync();
        }));
        CancellationToken ct = TestTimeout.After(60);
        await using ReverseProxy proxy = await ReverseProxy.StartAsync(proxyName, origin.BaseAddress.Port, ct);
        using var http = new HttpClient { BaseAddress = proxy.BaseAddress };

        List<SseItem<string>> notes = await ToListAsync(Feeds(http, Fast with { MaxFailedAttempts = null }).Notes(null, Total, ct), ct);

        Assert.Equal(Enumerable.Range(1, Total).Select(i => "note " + Text(i)), notes.Select(n => n.Data));
        Assert.Equal(Enumerable.Range(1, Total).Select(Text), notes.Select(n => n.EventId));
        Assert.True(Volatile.Read(ref connections) > Drops, $"{connections} connections for {Drops} drops");
    }

    [Theory]
    [MemberData(nameof(Proxies))]
    public async Task OriginGoesSilentBehindTheProxy_ClientReplacesTheConnectionAfterItsIdleTimeout_AndResumes(string proxyName)
    {
        // Half-open as a client sees it behind a proxy: its connection to the proxy stays up (proxy_read_timeout is an
        // hour, Caddy has none), and the origin sends nothing more, not even a heartbeat. Only the idle timeout helps.
        const int Total = 4;
        int connections = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using LoopbackApp origin = await LoopbackApp.StartAsync(web => web.MapGet("/live/notes", async (HttpContext context) =>
        {
            int connection = Interlocked.Increment(ref connections);
            int after = LastEventId(context);
            if (after >= Total)
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            SseResponse.Start(context.Response);
            var frames = new SseFrameWriter(context.Response.BodyWriter);
            frames.WriteRetry(10);
            int last = connection == 1 ? after + 1 : Total;
            for (int i = after + 1; i <= last; i++)
            {
                frames.WriteEvent(("note " + Text(i)).AsSpan(), eventType: "note", id: Text(i));
            }

            await context.Response.BodyWriter.FlushAsync();
            if (connection == 1)
            {
                await release.Task.WaitAsync(context.RequestAborted).ContinueWith(static _ => { }, TaskScheduler.Default);
            }
        }));
        CancellationToken ct = TestTimeout.After(60);
        await using ReverseProxy proxy = await ReverseProxy.StartAsync(proxyName, origin.BaseAddress.Port, ct);
        using var http = new HttpClient { BaseAddress = proxy.BaseAddress };
        var options = Fast with { IdleTimeout = TimeSpan.FromMilliseconds(500) };

        List<SseItem<string>> notes;
        try
        {
            notes = await ToListAsync(Feeds(http, options).Notes(null, Total, ct), ct);
        }
        finally
        {
            release.TrySetResult();
        }

        Assert.Equal(Enumerable.Range(1, Total).Select(i => "note " + Text(i)), notes.Select(n => n.Data));
        Assert.Equal(3, Volatile.Read(ref connections));
    }

    private static ILiveFeeds Feeds(HttpClient http, SseClientOptions? options = null) => LiveFeedsClient.Create(new SseClient(http, options ?? Fast));

    private async Task<HttpClient> TestAppThroughAsync(string proxyName, CancellationToken ct)
    {
        ReverseProxy proxy = await app.ProxyAsync(proxyName, ct);
        return new HttpClient { BaseAddress = proxy.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    private static int LastEventId(HttpContext context) =>
        int.TryParse(context.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out int id) ? id : 0;

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items, CancellationToken ct, int? take = null)
    {
        var list = new List<T>();
        await foreach (T item in items.WithCancellation(ct))
        {
            list.Add(item);
            if (list.Count == take)
            {
                break;
            }
        }

        return list;
    }

    private static string Text(int i) => i.ToString(CultureInfo.InvariantCulture);
}
