using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using SseGen.IntegrationTests.Http2;

namespace SseGen.IntegrationTests.RealPrograms;

/// <summary>
/// Twelve <c>EventSource</c>s in one page, all to one origin: over HTTP/1.1 a browser opens at most six connections per
/// origin and each stream holds one for good; over HTTP/2 every stream is multiplexed on one connection.
/// </summary>
[Collection(SharedChromiumCollection.Name)]
public sealed class BrowserConnectionLimitTests(SharedChromium chromium)
{
    private const int Streams = 12;

    // Each stream counts its first event once; /wait sends one event, then holds the stream open.
    private static readonly string Page = $$"""
        <!doctype html>
        <meta charset="utf-8">
        <script>
          window.firstEvents = 0;
          for (let i = 0; i < {{Streams}}; i++) {
            const source = new EventSource('/wait?stream=' + i);
            source.onmessage = () => { window.firstEvents++; source.onmessage = null; };
          }
        </script>
        """;

    [Fact]
    public async Task Http11_OnlySixOfTwelveStreams_Open_TheRestWaitForAConnection()
    {
        await using TransportTestApp app = await StartAsync(HttpTransport.Http11);
        await using IBrowserContext context = await chromium.NewContextAsync();
        IPage page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(app.BaseAddress, "/streams").ToString());
        await page.WaitForFunctionAsync("window.firstEvents >= 6", null, new PageWaitForFunctionOptions { Timeout = 15_000 });

        // The other six are queued behind streams that never end: give them time they would not need if they could open.
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.Equal("http/1.1", await NavigationProtocolAsync(page));
        Assert.Equal(6, await page.EvaluateAsync<int>("window.firstEvents"));
    }

    [Fact]
    public async Task Http2_AllTwelveStreams_DeliverEvents_OnOneOrigin()
    {
        await using TransportTestApp app = await StartAsync(HttpTransport.Http2Tls);

        // The certificate is the test's own, trusted by nothing: the browser is told to accept it.
        await using IBrowserContext context = await chromium.NewContextAsync(ignoreHttpsErrors: true);
        IPage page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(app.BaseAddress, "/streams").ToString());
        await page.WaitForFunctionAsync($"window.firstEvents >= {Streams}", null, new PageWaitForFunctionOptions { Timeout = 15_000 });

        Assert.Equal("h2", await NavigationProtocolAsync(page));
        Assert.Equal(Streams, await page.EvaluateAsync<int>("window.firstEvents"));
    }

    private static Task<TransportTestApp> StartAsync(HttpTransport transport) =>
        TransportTestApp.StartAsync(transport, map: web => web.MapGet("/streams", () => Results.Content(Page, "text/html")));

    private static Task<string> NavigationProtocolAsync(IPage page) =>
        page.EvaluateAsync<string>("performance.getEntriesByType('navigation')[0].nextHopProtocol");
}
