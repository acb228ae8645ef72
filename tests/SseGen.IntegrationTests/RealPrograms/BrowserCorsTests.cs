using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SseGen.IntegrationTests.Http2;
using SseGen.TestApp;

namespace SseGen.IntegrationTests.RealPrograms;

/// <summary>
/// A page on one origin reading a generated stream on another through CORS, in Chromium. One app, three loopback ports,
/// so three origins: the stream's, a page origin the policies allow, and a page origin they do not.
/// </summary>
[Collection(SharedChromiumCollection.Name)]
public sealed class BrowserCorsTests(SharedChromium chromium)
{
    private const string WithCredentials = "with-credentials";
    private const string WithoutCredentials = "without-credentials";
    private const int StreamPort = 0;
    private const int AllowedPage = 1;
    private const int OtherPage = 2;

    // A cookie is per host, not per port: the stream's origin gets it only when the EventSource sends credentials.
    private const string Page = """
        <!doctype html>
        <meta charset="utf-8">
        <script>
          const query = new URLSearchParams(location.search);
          window.events = [];
          window.state = -1;
          document.cookie = 'visitor=ann';
          const source = new EventSource(query.get('stream'), { withCredentials: query.get('credentials') === 'true' });
          source.onmessage = e => window.events.push(e.data);
          source.onerror = () => { window.state = source.readyState; };
        </script>
        """;

    private readonly ConcurrentQueue<string> _cookies = new();
    private string? _allowedOrigin;

    [Fact]
    public async Task AllowedOrigin_ReadsTheStream_WithoutCredentials_AndSendsNoCookie()
    {
        await using TransportTestApp app = await StartAsync();
        await using IBrowserContext context = await chromium.NewContextAsync();

        IPage page = await OpenAsync(context, app, AllowedPage, $"/{WithCredentials}/wait", credentials: false);
        await page.WaitForFunctionAsync("window.events.length >= 1", null, new PageWaitForFunctionOptions { Timeout = 10_000 });

        Assert.Equal(["first"], await page.EvaluateAsync<string[]>("window.events"));
        Assert.Equal([""], _cookies);
    }

    [Fact]
    public async Task AllowedOrigin_ReadsTheStream_WithCredentials_AndSendsItsCookie()
    {
        await using TransportTestApp app = await StartAsync();
        await using IBrowserContext context = await chromium.NewContextAsync();

        IPage page = await OpenAsync(context, app, AllowedPage, $"/{WithCredentials}/wait", credentials: true);
        await page.WaitForFunctionAsync("window.events.length >= 1", null, new PageWaitForFunctionOptions { Timeout = 10_000 });

        Assert.Equal(["first"], await page.EvaluateAsync<string[]>("window.events"));
        Assert.Equal(["visitor=ann"], _cookies);
    }

    [Fact]
    public async Task AllowedOrigin_WithCredentials_GetsNoEvents_WhenThePolicyDoesNotAllowCredentials()
    {
        await using TransportTestApp app = await StartAsync();
        await using IBrowserContext context = await chromium.NewContextAsync();

        IPage page = await OpenAsync(context, app, AllowedPage, $"/{WithoutCredentials}/wait", credentials: true);
        await page.WaitForFunctionAsync("window.state === EventSource.CLOSED", null, new PageWaitForFunctionOptions { Timeout = 10_000 });

        Assert.Empty(await page.EvaluateAsync<string[]>("window.events"));
    }

    [Fact]
    public async Task OtherOrigin_GetsNoEvents_TheEventSourceFailsAndCloses_ThoughTheServerRanTheStream()
    {
        await using TransportTestApp app = await StartAsync();
        await using IBrowserContext context = await chromium.NewContextAsync();

        IPage page = await OpenAsync(context, app, OtherPage, $"/{WithCredentials}/wait", credentials: false);
        await page.WaitForFunctionAsync("window.state === EventSource.CLOSED", null, new PageWaitForFunctionOptions { Timeout = 10_000 });

        Assert.Empty(await page.EvaluateAsync<string[]>("window.events"));

        // An EventSource GET is a simple request, sent without a preflight: CORS keeps the events from the page, not the request from the endpoint.
        Assert.Single(_cookies);
    }

    private async Task<TransportTestApp> StartAsync()
    {
        TransportTestApp app = await TransportTestApp.StartAsync(
            HttpTransport.Http11,
            listeners: 3,
            configure: builder => builder.Services.AddCors(cors =>
            {
                cors.AddPolicy(WithCredentials, policy => policy.SetIsOriginAllowed(IsAllowed).AllowCredentials());
                cors.AddPolicy(WithoutCredentials, policy => policy.SetIsOriginAllowed(IsAllowed));
            }),
            map: web =>
            {
                web.MapGet("/page", () => Results.Content(Page, "text/html"));
                web.Use(async (context, next) =>
                {
                    if (context.Request.Path.StartsWithSegments($"/{WithCredentials}") || context.Request.Path.StartsWithSegments($"/{WithoutCredentials}"))
                    {
                        _cookies.Enqueue(context.Request.Headers.Cookie.ToString());
                    }

                    await next(context);
                });
                TestAppHost.MapSseEndpointsUnder(web, $"/{WithCredentials}").RequireCors(WithCredentials);
                TestAppHost.MapSseEndpointsUnder(web, $"/{WithoutCredentials}").RequireCors(WithoutCredentials);
            });
        _allowedOrigin = app.BaseAddresses[AllowedPage].GetLeftPart(UriPartial.Authority);
        return app;
    }

    private bool IsAllowed(string origin) => string.Equals(origin, _allowedOrigin, StringComparison.Ordinal);

    private static async Task<IPage> OpenAsync(IBrowserContext context, TransportTestApp app, int pageOrigin, string streamPath, bool credentials)
    {
        IPage page = await context.NewPageAsync();
        string stream = new Uri(app.BaseAddresses[StreamPort], streamPath).ToString();
        await page.GotoAsync($"{new Uri(app.BaseAddresses[pageOrigin], "/page")}?stream={Uri.EscapeDataString(stream)}&credentials={(credentials ? "true" : "false")}");
        return page;
    }
}
