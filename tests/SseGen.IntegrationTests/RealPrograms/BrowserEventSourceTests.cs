using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace SseGen.IntegrationTests.RealPrograms;

/// <summary>A browser's own <c>EventSource</c> reading SseGen streams in headless Chromium.</summary>
public sealed class BrowserEventSourceTests
{
    private const string Page = """
        <!doctype html>
        <meta charset="utf-8">
        <script>
          window.received = [];
          window.lastIds = [];
          window.opened = 0;
          const source = new EventSource('/resumable');
          source.onopen = () => window.opened++;
          source.addEventListener('count', e => { window.received.push(e.data); window.lastIds.push(e.lastEventId); });
        </script>
        """;

    [Fact]
    public async Task EventSource_ReconnectsWithLastEventId_AndTheCounterContinuesWithoutGapOrRepeat()
    {
        const int PerConnection = 5;
        const int Total = 15;
        var lastEventIdHeaders = new System.Collections.Concurrent.ConcurrentQueue<string?>();
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
        {
            web.MapGet("/", () => Results.Content(Page, "text/html"));

            // Each connection sends a few events and ends: the browser must come back with Last-Event-ID.
            web.MapGet("/resumable", (HttpContext context) =>
            {
                string? lastId = context.Request.Headers["Last-Event-ID"];
                lastEventIdHeaders.Enqueue(lastId);
                int start = lastId is null ? 0 : int.Parse(lastId, CultureInfo.InvariantCulture) + 1;
                return SseResponse.StreamAsync(context, Counter(start, Math.Min(start + PerConnection, Total), context.RequestAborted), static (w, i) =>
                    w.WriteEvent(i.ToString(CultureInfo.InvariantCulture), eventType: "count", id: i.ToString(CultureInfo.InvariantCulture)),
                    new SseStreamOptions { RetryMilliseconds = 100 },
                    context.RequestAborted);
            });
        });
        await using HeadlessChromium chromium = await HeadlessChromium.StartAsync();
        IPage page = await chromium.Browser.NewPageAsync();

        await page.GotoAsync(app.BaseAddress.ToString());
        await page.WaitForFunctionAsync($"window.received.length >= {Total}", null, new PageWaitForFunctionOptions { Timeout = 30_000 });

        string[] received = await page.EvaluateAsync<string[]>("window.received");
        Assert.Equal(Enumerable.Range(0, Total).Select(i => i.ToString(CultureInfo.InvariantCulture)), received.Take(Total));
        Assert.Equal(received, await page.EvaluateAsync<string[]>("window.lastIds"));
        Assert.True(await page.EvaluateAsync<int>("window.opened") >= Total / PerConnection);
        Assert.Equal([null, "4", "9"], lastEventIdHeaders.Take(3));
    }

    [Fact]
    public async Task EventSource_ReadsEveryHostileValue_AsExactlyOneEvent_WithItsDataIntact()
    {
        int count = HostileData.Values.Length;
        string page = $$"""
            <!doctype html>
            <meta charset="utf-8">
            <script>
              window.strings = [];
              window.records = [];
              const strings = new EventSource('/strings');
              strings.addEventListener('hostile', e => { window.strings.push(e.data); if (window.strings.length === {{count}}) strings.close(); });
              const records = new EventSource('/records');
              records.addEventListener('tick', e => { window.records.push(e.data); if (window.records.length === {{count}}) records.close(); });
            </script>
            """;
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
        {
            web.MapGet("/", () => Results.Content(page, "text/html"));
            web.MapGet("/strings", (HttpContext context) =>
                SseResponse.StreamAsync(context, AsyncItems.From(HostileData.Values), static (w, s) => w.WriteEvent(s, eventType: "hostile"), cancellationToken: context.RequestAborted));
            web.MapGet("/records", (HttpContext context) =>
                SseResponse.StreamAsync(context, AsyncItems.From(HostileData.Values), static (w, s) => w.WriteJsonEvent(new Tick(s.Length, s), TestJsonContext.Default.Tick, eventType: "tick"), cancellationToken: context.RequestAborted));
        });
        await using HeadlessChromium chromium = await HeadlessChromium.StartAsync();
        IPage browserPage = await chromium.Browser.NewPageAsync();

        await browserPage.GotoAsync(app.BaseAddress.ToString());
        await browserPage.WaitForFunctionAsync($"window.strings.length >= {count} && window.records.length >= {count}", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        await Task.Delay(300, TestContext.Current.CancellationToken);

        string[] strings = await browserPage.EvaluateAsync<string[]>("window.strings");
        string[] records = await browserPage.EvaluateAsync<string[]>("window.records");
        Assert.Equal(HostileData.Values.Select(HostileData.AsReceived), strings);
        Assert.Equal(HostileData.Values.Select(v => System.Text.Json.JsonSerializer.Serialize(new Tick(v.Length, v), TestJsonContext.Default.Tick)), records);
    }

    private static async IAsyncEnumerable<int> Counter(int from, int to, [EnumeratorCancellation] CancellationToken ct)
    {
        for (int i = from; i < to; i++)
        {
            yield return i;
            await Task.Delay(20, ct);
        }
    }
}
