using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Playwright;

namespace SseGen.IntegrationTests.RealPrograms;

/// <summary>
/// The sample's page while the sample is killed and started again on its port, as a redeploy does: each stream shows
/// that it is reconnecting, and comes back by itself.
/// </summary>
[Collection(SharedChromiumCollection.Name)]
public sealed class SampleRestartTests(SharedChromium chromium)
{
    // The page's state label of each stream, and the path its EventSource asks for.
    private static readonly (string Name, string Path)[] Streams =
        [("clock", "/streams/clock"), ("price", "/streams/prices/"), ("chat", "/streams/chat/"), ("counter", "/streams/counter")];

    private static readonly PageWaitForFunctionOptions Wait = new() { Timeout = 30_000 };

    [Fact]
    public async Task Page_ShowsEveryStreamReconnecting_WhileTheSampleIsDown_ThenOpenAgain_WithTheCounterGoingOnWithoutGaps()
    {
        CancellationToken ct = TestTimeout.After(120);
        SampleApp sample = await SampleApp.StartAsync(ct);
        int port = sample.BaseAddress.Port;
        try
        {
            await using IBrowserContext context = await chromium.NewContextAsync();
            IPage page = await context.NewPageAsync();
            var refused = new ConcurrentQueue<string>();
            page.RequestFailed += (_, request) =>
            {
                if (request.Failure?.Contains("ERR_CONNECTION_REFUSED", StringComparison.Ordinal) == true)
                {
                    refused.Enqueue(new Uri(request.Url).AbsolutePath);
                }
            };
            await page.GotoAsync(sample.BaseAddress.ToString());
            await WaitForEveryStateAsync(page, "open");
            await page.WaitForFunctionAsync("Number(document.querySelector('[data-testid=counter]').textContent) >= 3", null, Wait);

            // Killed by its PID, as a crash or a redeploy ends it: no stream gets its last chunk.
            await sample.DisposeAsync();

            await WaitForEveryStateAsync(page, "reconnecting");

            // A reconnect the dead port refused leaves each EventSource trying again (CONNECTING), not given up (CLOSED).
            foreach ((string name, string path) in Streams)
            {
                while (!refused.Any(p => p.StartsWith(path, StringComparison.Ordinal)))
                {
                    await Task.Delay(50, ct);
                }

                Assert.Equal("reconnecting", await page.TextContentAsync($"[data-testid=state-{name}]"));
            }

            int counterWhileDown = await NumberAsync(page, "counter");
            int pricesWhileDown = await NumberAsync(page, "price-count");
            int connectionsWhileDown = await NumberAsync(page, "connections");

            sample = await SampleApp.StartAsync(port, ct);

            await WaitForEveryStateAsync(page, "open");
            await page.WaitForFunctionAsync($"Number(document.querySelector('[data-testid=counter]').textContent) >= {counterWhileDown + 3}", null, Wait);
            await page.WaitForFunctionAsync($"Number(document.querySelector('[data-testid=price-count]').textContent) > {pricesWhileDown}", null, Wait);

            // The counter takes its next number from the browser's Last-Event-ID, not from server memory, so a new process
            // goes on where the old one stopped: no number missed or repeated.
            Assert.Equal("0", await page.TextContentAsync("[data-testid=gaps]"));
            Assert.True(await NumberAsync(page, "connections") > connectionsWhileDown, "the counter did not open a new connection");
        }
        finally
        {
            await sample.DisposeAsync();
        }
    }

    private static async Task WaitForEveryStateAsync(IPage page, string state)
    {
        string names = string.Join(",", Streams.Select(s => $"'{s.Name}'"));
        await page.WaitForFunctionAsync(
            $"[{names}].every(n => document.querySelector(`[data-testid=state-${{n}}]`).textContent === '{state}')", null, Wait);
    }

    private static async Task<int> NumberAsync(IPage page, string testId) =>
        int.Parse(await page.TextContentAsync($"[data-testid={testId}]") ?? "", NumberStyles.None, CultureInfo.InvariantCulture);
}
