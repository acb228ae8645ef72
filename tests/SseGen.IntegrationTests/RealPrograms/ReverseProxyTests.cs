using System.Diagnostics;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SseGen.IntegrationTests.RealPrograms;

/// <summary>SseGen streams behind real nginx and Caddy, started on loopback ports with the configs in this folder.</summary>
public sealed class ReverseProxyTests
{
    public static TheoryData<string> Proxies => ["nginx", "caddy"];

    [Theory]
    [MemberData(nameof(Proxies))]
    public async Task AllEvents_ArriveInOrder_ThroughTheProxy(string proxyName)
    {
        const int Count = 500;
        await using LoopbackApp origin = await LoopbackApp.StartAsync(web => web.MapGet("/numbers", (HttpContext context) =>
            SseResponse.StreamAsync(context, Numbers(Count), static (w, i) => w.WriteEvent($"number {i}\nsecond line", eventType: "number", id: i.ToString(CultureInfo.InvariantCulture)), cancellationToken: context.RequestAborted)));
        CancellationToken ct = TestTimeout.After(30);
        await using ReverseProxy proxy = await ReverseProxy.StartAsync(proxyName, origin.BaseAddress.Port, ct);

        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
        using HttpResponseMessage response = await client.GetAsync("numbers", HttpCompletionOption.ResponseHeadersRead, ct);
        List<SseItem<string>> items = [];
        await foreach (SseItem<string> item in SseParser.Create(await response.Content.ReadAsStreamAsync(ct)).EnumerateAsync(ct))
        {
            items.Add(item);
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"number {i}\nsecond line"), items.Select(i => i.Data));
        Assert.Equal(Enumerable.Range(0, Count).Select(i => i.ToString(CultureInfo.InvariantCulture)), items.Select(i => i.EventId));
        Assert.All(items, i => Assert.Equal("number", i.EventType));
    }

    [Theory]
    [MemberData(nameof(Proxies))]
    public async Task FirstEventOfASlowStream_ArrivesBeforeTheSecondIsProduced(string proxyName)
    {
        var produced = new long[3];
        await using LoopbackApp origin = await LoopbackApp.StartAsync(web => web.MapGet("/slow", (HttpContext context) =>
            SseResponse.StreamAsync(context, Slow(produced, TimeSpan.FromMilliseconds(300), context.RequestAborted), static (w, i) => w.WriteEvent(i.ToString(CultureInfo.InvariantCulture)), cancellationToken: context.RequestAborted)));
        CancellationToken ct = TestTimeout.After(30);
        await using ReverseProxy proxy = await ReverseProxy.StartAsync(proxyName, origin.BaseAddress.Port, ct);

        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
        using HttpResponseMessage response = await client.GetAsync("slow", HttpCompletionOption.ResponseHeadersRead, ct);
        var received = new List<long>();
        await foreach (SseItem<string> item in SseParser.Create(await response.Content.ReadAsStreamAsync(ct)).EnumerateAsync(ct))
        {
            received.Add(Stopwatch.GetTimestamp());
        }

        Assert.Equal(3, received.Count);
        Assert.True(received[0] < Volatile.Read(ref produced[1]), "the first event was held back until the second one was produced");
        Assert.True(received[1] < Volatile.Read(ref produced[2]), "the second event was held back until the third one was produced");
    }

    [Theory]
    [MemberData(nameof(Proxies))]
    public async Task CloseDelimitedOrigin_CutMidEvent_LooksCompleteThroughTheProxy_WhileSseGenDeliversEveryEvent(string proxyName)
    {
        // What SseGen prevents: the hand-written origin dies in the middle of its third event. Its body has no framing,
        // so the proxy cannot tell that from a finished stream: the client gets a clean end and silently loses the event.
        string[] frames = ["id: 0\ndata: event 0\n\n", "id: 1\ndata: event 1\n\n", "id: 2\ndata: event "];
        CancellationToken ct = TestTimeout.After(30);
        await using (var broken = new CloseDelimitedOrigin(frames))
        await using (ReverseProxy proxy = await ReverseProxy.StartAsync(proxyName, broken.Port, ct))
        {
            (List<byte[]> chunks, bool endedCleanly) = await ReadChunkedThroughAsync(proxy, "/events", ct);

            Assert.True(endedCleanly, $"{proxyName} ended the truncated body with its last chunk, as if it were complete");
            Assert.Equal(["event 0", "event 1"], SseOracle.Parse(chunks.SelectMany(c => c).ToArray()).Select(i => i.Data));
            Assert.DoesNotContain("[error]", proxy.Log, StringComparison.Ordinal);
            Assert.DoesNotContain("\"level\":\"error\"", proxy.Log, StringComparison.Ordinal);
        }

        // The same three events from an SseGen endpoint: chunked, so every event arrives whole and the end is real.
        await using LoopbackApp origin = await LoopbackApp.StartAsync(web => web.MapGet("/events", (HttpContext context) =>
            SseResponse.StreamAsync(context, Numbers(3), static (w, i) => w.WriteEvent($"event {i}", id: i.ToString(CultureInfo.InvariantCulture)), cancellationToken: context.RequestAborted)));
        await using ReverseProxy sameProxy = await ReverseProxy.StartAsync(proxyName, origin.BaseAddress.Port, ct);
        (List<byte[]> sseGenChunks, bool sseGenEnded) = await ReadChunkedThroughAsync(sameProxy, "/events", ct);

        Assert.True(sseGenEnded);
        Assert.Equal(["event 0", "event 1", "event 2"], SseOracle.Parse(sseGenChunks.SelectMany(c => c).ToArray()).Select(i => i.Data));
    }

    [Theory]
    [MemberData(nameof(Proxies))]
    public async Task SseGenOrigin_AbortedMidStream_IsReportedByTheProxy(string proxyName)
    {
        // With chunked framing a dead origin is visible: the last chunk never came, and the proxy says so.
        await using LoopbackApp origin = await LoopbackApp.StartAsync(web => web.MapGet("/dies", (HttpContext context) =>
            SseResponse.StreamAsync(context, DiesAfterTwo(context), static (w, i) => w.WriteEvent($"event {i}"), cancellationToken: context.RequestAborted)));
        CancellationToken ct = TestTimeout.After(30);
        await using ReverseProxy proxy = await ReverseProxy.StartAsync(proxyName, origin.BaseAddress.Port, ct);

        await ReadChunkedThroughAsync(proxy, "/dies", ct);

        for (int i = 0; i < 100 && !ReportsUpstreamFailure(proxy); i++)
        {
            await Task.Delay(50, ct);
        }

        Assert.True(ReportsUpstreamFailure(proxy), $"{proxyName} log:\n{proxy.Log}");
    }

    private static bool ReportsUpstreamFailure(ReverseProxy proxy) => proxy.Name switch
    {
        "nginx" => proxy.Log.Contains("[error]", StringComparison.Ordinal) && proxy.Log.Contains("while reading upstream", StringComparison.Ordinal),
        _ => proxy.Log.Contains("aborting with incomplete response", StringComparison.Ordinal),
    };

    /// <summary>Reads a response through the proxy on a raw socket with a strict chunked decoder.</summary>
    private static async Task<(List<byte[]> Chunks, bool EndedCleanly)> ReadChunkedThroughAsync(ReverseProxy proxy, string path, CancellationToken ct)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(proxy.BaseAddress.Host, proxy.BaseAddress.Port, ct);
        await using var stream = new NetworkStream(socket);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {proxy.BaseAddress.Authority}\r\n\r\n"), ct);
        var reader = new StrictChunkedReader(stream);
        Assert.StartsWith("HTTP/1.1 200", await reader.ReadLineAsync(ct), StringComparison.Ordinal);
        bool chunked = false;
        while (await reader.ReadLineAsync(ct) is { Length: > 0 } header)
        {
            chunked |= header.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase);
        }

        Assert.True(chunked, $"{proxy.Name} did not frame the response in chunks");
        var chunks = new List<byte[]>();
        try
        {
            while (await reader.ReadChunkAsync(ct) is { Length: > 0 } chunk)
            {
                chunks.Add(chunk);
            }

            return (chunks, true);
        }
        catch (EndOfStreamException)
        {
            return (chunks, false);
        }
        catch (IOException)
        {
            return (chunks, false);
        }
    }

    private static async IAsyncEnumerable<int> Numbers(int count)
    {
        for (int i = 0; i < count; i++)
        {
            yield return i;
        }

        await Task.CompletedTask;
    }

    private static async IAsyncEnumerable<int> Slow(long[] produced, TimeSpan gap, [EnumeratorCancellation] CancellationToken ct)
    {
        for (int i = 0; i < produced.Length; i++)
        {
            if (i > 0)
            {
                await Task.Delay(gap, ct);
            }

            Volatile.Write(ref produced[i], Stopwatch.GetTimestamp());
            yield return i;
        }
    }

    private static async IAsyncEnumerable<int> DiesAfterTwo(HttpContext context)
    {
        yield return 0;
        yield return 1;
        await Task.Delay(200);
        context.Abort();
    }
}
