using System.Net;
using System.Net.ServerSentEvents;
using Microsoft.Extensions.DependencyInjection;
using SseGen.TestApp;

namespace SseGen.IntegrationTests.Http2;

/// <summary>Generated endpoints over HTTP/2, with TLS and as h2c, read by an <see cref="HttpClient"/> that speaks nothing else.</summary>
public sealed class Http2StreamingTests
{
    [Theory]
    [InlineData(HttpTransport.Http2Tls)]
    [InlineData(HttpTransport.H2c)]
    public async Task EveryEvent_ArrivesInOrder_OverHttp2(HttpTransport transport)
    {
        await using TransportTestApp app = await TransportTestApp.StartAsync(transport);
        using HttpClient client = app.CreateClient();
        CancellationToken ct = TestTimeout.After(20);

        using HttpResponseMessage response = await client.GetAsync("/ticks?count=3", HttpCompletionOption.ResponseHeadersRead, ct);
        List<SseItem<string>> events = await ToListAsync(SseParser.Create(await response.Content.ReadAsStreamAsync(ct)), ct);

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["tick", "tick", "tick"], events.Select(e => e.EventType));
        Assert.Equal(
            ["""{"number":0,"label":"tick 0"}""", """{"number":1,"label":"tick 1"}""", """{"number":2,"label":"tick 2"}"""],
            events.Select(e => e.Data));
    }

    [Theory]
    [InlineData(HttpTransport.Http2Tls)]
    [InlineData(HttpTransport.H2c)]
    public async Task FirstEvent_ArrivesWhileTheStreamStaysOpen_AndLeavingEndsTheEnumerator(HttpTransport transport)
    {
        await using TransportTestApp app = await TransportTestApp.StartAsync(transport);
        StreamProbe probe = app.App.Services.GetRequiredService<StreamProbe>();
        using HttpClient client = app.CreateClient();
        CancellationToken ct = TestTimeout.After(20);

        using (HttpResponseMessage response = await client.GetAsync("/wait", HttpCompletionOption.ResponseHeadersRead, ct))
        {
            await using IAsyncEnumerator<SseItem<string>> events = SseParser.Create(await response.Content.ReadAsStreamAsync(ct)).EnumerateAsync(ct).GetAsyncEnumerator(ct);

            Assert.Equal(HttpVersion.Version20, response.Version);
            Assert.True(await events.MoveNextAsync());
            Assert.Equal("first", events.Current.Data);
            Assert.False(probe.Cancelled.Task.IsCompleted);
        }

        // Disposing the response resets only this HTTP/2 stream (RST_STREAM); the server must see it as the client leaving.
        await probe.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
    }

    [Theory]
    [InlineData(HttpTransport.Http2Tls)]
    [InlineData(HttpTransport.H2c)]
    public async Task Heartbeat_ArrivesOnASilentStream_BeforeTheLateEvent_OverHttp2(HttpTransport transport)
    {
        await using TransportTestApp app = await TransportTestApp.StartAsync(transport);
        using HttpClient client = app.CreateClient();
        CancellationToken ct = TestTimeout.After(20);

        using HttpResponseMessage response = await client.GetAsync("/quiet", HttpCompletionOption.ResponseHeadersRead, ct);
        string body = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpVersion.Version20, response.Version);
        int heartbeat = body.IndexOf(":\n\n", StringComparison.Ordinal);
        Assert.InRange(heartbeat, 0, body.IndexOf("data: late\n\n", StringComparison.Ordinal));
    }

    private static async Task<List<SseItem<string>>> ToListAsync(SseParser<string> parser, CancellationToken ct)
    {
        var events = new List<SseItem<string>>();
        await foreach (SseItem<string> item in parser.EnumerateAsync(ct))
        {
            events.Add(item);
        }

        return events;
    }
}
