using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using SseGen.IntegrationTests.TypeScript;

namespace SseGen.IntegrationTests.RealPrograms;

/// <summary>
/// The generated client module in Chromium, imported as a plain ES module from the server that maps it: typed events
/// over <c>EventSource</c> and over <c>fetch</c>, resume with <c>Last-Event-ID</c>, and the fetch reader's event stream
/// parsing checked against the runtime's hostile data and against <see cref="SseParser"/> on raw line ends.
/// </summary>
[Collection(SharedChromiumCollection.Name)]
public sealed class BrowserClientScriptTests(SharedChromium chromium, TestAppServer server) : IClassFixture<TestAppServer>
{
    private const string Html = "<!doctype html><meta charset=\"utf-8\"><title>client</title>";

    [Fact]
    public async Task EventSourceStreams_FromTheServedModule_DeliverTypedEvents_AndResumeWithLastEventId()
    {
        IPage page = await OpenAsync(server.Client.BaseAddress!);

        string result = await page.EvaluateAsync<string>(Bounded("""
            const m = await import('/sse-client.js');
            const got = { ticks: [], joined: null, said: null, notes: [] };
            await new Promise(done => {
              const s = m.feeds.ticks({ count: 3 }).on('tick', t => { got.ticks.push(t); if (got.ticks.length === 3) { s.close(); done(); } });
            });
            await new Promise(done => {
              const s = m.feeds.chat('lobby').on('joined', j => { got.joined = j; }).on('said', x => { got.said = x; s.close(); done(); });
            });
            // The first connection sends notes 1 and 2 and ends; EventSource comes back with Last-Event-ID: 2.
            await new Promise(done => {
              const s = m.feeds.items().on('note', (n, e) => { got.notes.push(n + '#' + e.lastEventId); if (got.notes.length === 4) { s.close(); done(); } });
            });
            return JSON.stringify(got);
            """));

        using JsonDocument got = JsonDocument.Parse(result);
        Assert.Equal(
            """[{"number":0,"label":"tick 0"},{"number":1,"label":"tick 1"},{"number":2,"label":"tick 2"}]""",
            got.RootElement.GetProperty("ticks").GetRawText());
        Assert.Equal("lobby", got.RootElement.GetProperty("joined").GetProperty("room").GetString());
        Assert.Equal("ann", got.RootElement.GetProperty("joined").GetProperty("user").GetString());
        Assert.Equal("hello\nworld", got.RootElement.GetProperty("said").GetProperty("text").GetString());
        Assert.Equal(["note 1#1", "note 2#2", "note 3#3", "note 4#4"], got.RootElement.GetProperty("notes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task FetchStreams_SendHeaders_ResumeAfterTheServersRetry_AndStopOnARejection()
    {
        IPage page = await OpenAsync(server.Client.BaseAddress!);

        string result = await page.EvaluateAsync<string>(Bounded("""
            const m = await import('/sse-client.js');
            const got = { price: null, notes: [], retry: 0, rejected: null };
            await new Promise(done => {
              const s = m.feeds.prices.fetch('acme', { headers: { 'X-Scale': '2' } }).on('price', p => { got.price = p; s.close(); done(); });
            });
            await new Promise(done => {
              const s = m.feeds.items.fetch().on('note', (n, e) => {
                got.notes.push(n + '#' + e.lastEventId);
                if (got.notes.length === 4) { got.retry = s.retry; s.close(); done(); }
              });
            });
            await new Promise(done => {
              const s = m.rooms.join.fetch('lobby', { headers: { 'X-Tenant': 'another' } }).onError(() => {
                queueMicrotask(() => { got.rejected = s.readyState; done(); });
              });
            });
            return JSON.stringify(got);
            """));

        using JsonDocument got = JsonDocument.Parse(result);
        Assert.Equal("""{"symbol":"acme","value":3}""", got.RootElement.GetProperty("price").GetRawText());
        Assert.Equal(["note 1#1", "note 2#2", "note 3#3", "note 4#4"], got.RootElement.GetProperty("notes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2500, got.RootElement.GetProperty("retry").GetInt32());
        Assert.Equal(2, got.RootElement.GetProperty("rejected").GetInt32());
    }

    [Fact]
    public async Task FetchReader_ReadsEveryHostileValue_AsExactlyOneEvent_WithItsDataIntact()
    {
        int count = HostileData.Values.Length;
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
        {
            MapModule(web);
            web.MapGet("/strings", (HttpContext context) =>
                SseResponse.StreamAsync(context, AsyncItems.From(HostileData.Values), static (w, s) => w.WriteEvent(s, eventType: "hostile"), cancellationToken: context.RequestAborted));
        });
        IPage page = await OpenAsync(app.BaseAddress);

        string[] received = await page.EvaluateAsync<string[]>(Bounded($$"""
            const m = await import('/sse-client.js');
            const got = [];
            await new Promise(done => {
              const s = new m.FetchStream('/strings', {}, { hostile: d => d }).on('hostile', d => { got.push(d); if (got.length === {{count}}) { s.close(); done(); } });
            });
            return got;
            """));

        Assert.Equal(HostileData.Values.Select(HostileData.AsReceived), received);
    }

    public static TheoryData<string[]> RawStreams() => new(
        ["\uFEFFdata: after a BOM\n\n"],
        ["data: a\r\ndata: b\r\n\r\n"],
        ["data: a\rdata: b\r\revent: x\rdata: c\r\r"],
        ["data: a\r", "\ndata: b\r", "\n\r", "\nevent: split\r\n", "data: c\r\n\r", "\n"],
        ["event: x\ndata: 1\n\nevent: y\rdata: 2\r\n\r\ndata: 3\n\n"],
        ["id: 7\ndata: seven\n\nid: a\0b\ndata: nul id ignored\n\nid\ndata: id emptied\n\n"],
        ["retry: 12x\ndata: r\n\nretry: 40\ndata: s\n\nretry:\ndata: t\n\n"],
        ["data\n\ndata:\n\n: a comment\ndata:  two spaces\n\ndata:no space\n\n"],
        ["data: first\n\ndata: unfinished"],
        ["dat", "a: across ", "chunks\n", "\n"]);

    [Theory]
    [MemberData(nameof(RawStreams))]
    public async Task FetchReader_ParsesRawLineEndsAndFields_AsSseParserDoes(string[] chunks)
    {
        byte[] whole = Encoding.UTF8.GetBytes(string.Concat(chunks));
        List<SseItem<string>> expected;
        TimeSpan expectedRetry;
        using (var stream = new MemoryStream(whole))
        {
            SseParser<string> parser = SseParser.Create(stream);
            expected = [.. parser.Enumerate()];
            expectedRetry = parser.ReconnectionInterval;
        }

        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
        {
            MapModule(web);
            web.MapGet("/raw", async (HttpContext context) =>
            {
                // Each piece its own write and flush, so a CRLF can fall across two reads.
                context.Response.ContentType = "text/event-stream";
                foreach (string chunk in chunks)
                {
                    await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(chunk), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }
            });
        });
        IPage page = await OpenAsync(app.BaseAddress);
        string types = JsonSerializer.Serialize(expected.Select(e => e.EventType).Append("message").Distinct().ToArray());

        string result = await page.EvaluateAsync<string>(Bounded($$"""
            const m = await import('/sse-client.js');
            const got = { events: [], retry: 0 };
            await new Promise(done => {
              const s = new m.FetchStream('/raw', { retry: 999999 }, { '*': d => d });
              for (const type of {{types}}) s.on(type, (d, e) => got.events.push([e.type, d, e.lastEventId]));
              // The end of the body is the first error: the stream would reconnect; it is closed instead.
              s.onError(() => { got.retry = s.retry; s.close(); done(); });
            });
            return JSON.stringify(got);
            """));

        // SseParser gives each item the id field of its own event; a browser's lastEventId is the last id so far.
        string lastEventId = "";
        string[] expectedEvents = [.. expected.Select(e => $"{e.EventType}|{e.Data}|{lastEventId = e.EventId ?? lastEventId}")];
        using JsonDocument got = JsonDocument.Parse(result);
        Assert.Equal(
            expectedEvents,
            got.RootElement.GetProperty("events").EnumerateArray().Select(e => $"{e[0].GetString()}|{e[1].GetString()}|{e[2].GetString()}"));
        Assert.Equal(expectedRetry == Timeout.InfiniteTimeSpan ? 999999 : (int)expectedRetry.TotalMilliseconds, got.RootElement.GetProperty("retry").GetInt32());
    }

    [Fact]
    public async Task FetchReader_ResetsTheEventTypeOfAnEventWithoutData_AsTheSpecSays()
    {
        // WHATWG: an empty data buffer at a blank line clears the event type too, as Chromium's EventSource does;
        // SseParser keeps it for the next event, so this case is checked against the spec, not against it.
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
        {
            MapModule(web);
            web.MapGet("/raw", (HttpContext context) => Results.Text("event: empty\n\ndata: next\n\n", "text/event-stream"));
        });
        IPage page = await OpenAsync(app.BaseAddress);

        string[] types = await page.EvaluateAsync<string[]>(Bounded("""
            const m = await import('/sse-client.js');
            const got = [];
            await new Promise(done => {
              const s = new m.FetchStream('/raw', { retry: 999999 }, { '*': d => d });
              s.on('empty', () => got.push('empty')).on('message', d => got.push('message:' + d));
              s.onError(() => { s.close(); done(); });
            });
            return got;
            """));

        Assert.Equal(["message:next"], types);
    }

    // The test app's module, served by another app: the hostile and raw streams need their own server.
    private static void MapModule(WebApplication web) =>
        web.MapGet("/sse-client.js", () => Results.Text(TypeScriptClientTests.Constant("Module"), "text/javascript"));

    /// <summary>A page at <paramref name="origin"/> (served by Playwright, so no app needs an HTML page) whose imports reach the real server.</summary>
    private async Task<IPage> OpenAsync(Uri origin)
    {
        IBrowserContext context = await chromium.NewContextAsync();
        IPage page = await context.NewPageAsync();
        string url = new Uri(origin, "/__client-test.html").ToString();
        await page.RouteAsync(url, route => route.FulfillAsync(new RouteFulfillOptions { Body = Html, ContentType = "text/html" }));
        await page.GotoAsync(url);
        return page;
    }

    /// <summary>An async function of <paramref name="body"/> that rejects after 30 seconds, so a stream that never ends cannot hang the test.</summary>
    private static string Bounded(string body) =>
        "async () => await Promise.race([(async () => {\n" + body + "\n})(), new Promise((_, fail) => setTimeout(() => fail(new Error('timed out')), 30000))])";
}
