using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace SseGen.IntegrationTests.RealPrograms;

/// <summary>The sample, run as a user runs it, read by a browser, HttpClient, a raw socket and curl.</summary>
public sealed class SampleTests
{

    [Fact]
    public async Task Page_ShowsEveryStreamLive_AndTheCounterResumesAcrossDropsWithoutGaps()
    {
        CancellationToken ct = TestTimeout.After(90);
        await using SampleApp sample = await SampleApp.StartAsync(ct);
        await using HeadlessChromium chromium = await HeadlessChromium.StartAsync();
        IPage page = await chromium.Browser.NewPageAsync();
        await page.GotoAsync(sample.BaseAddress.ToString());
        var wait = new PageWaitForFunctionOptions { Timeout = 30_000 };

        // The counter's stream ends every 10 events: reaching 12 means the browser reconnected with Last-Event-ID.
        await page.WaitForFunctionAsync("Number(document.querySelector('[data-testid=price-count]').textContent) >= 5", null, wait);
        await page.WaitForFunctionAsync("/joined [1-9].*said [1-9].*left [1-9]/.test(document.querySelector('[data-testid=chat-counts]').textContent)", null, wait);
        await page.WaitForFunctionAsync("Number(document.querySelector('[data-testid=counter]').textContent) >= 12", null, wait);
        int connectionsBeforeDrop = int.Parse(await page.TextContentAsync("[data-testid=connections]") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

        await page.ClickAsync("[data-testid=drop]");
        await page.WaitForFunctionAsync($"Number(document.querySelector('[data-testid=connections]').textContent) > {connectionsBeforeDrop}", null, wait);
        int counterAfterDrop = int.Parse(await page.TextContentAsync("[data-testid=counter]") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        await page.WaitForFunctionAsync($"Number(document.querySelector('[data-testid=counter]').textContent) >= {counterAfterDrop + 2}", null, wait);

        Assert.Equal("0", await page.TextContentAsync("[data-testid=gaps]"));
        Assert.True(connectionsBeforeDrop >= 2, $"the counter reconnected {connectionsBeforeDrop - 1} times before the drop");
        Assert.Matches(@"^\d\d:\d\d:\d\d$", await page.TextContentAsync("[data-testid=clock]") ?? "");
        Assert.NotEmpty(await page.GetAttributeAsync("#line", "points") ?? "");

        // Each stream shows its EventSource's state; the counter is open again after its drop.
        foreach (string stream in new[] { "clock", "price", "chat", "counter" })
        {
            await page.WaitForFunctionAsync($"document.querySelector('[data-testid=state-{stream}]').textContent === 'open'", null, wait);
        }

        // The gateway panel: both model formats arrive as tokens and the whole reply is typed out.
        foreach (string model in new[] { "openai", "anthropic" })
        {
            await page.WaitForFunctionAsync($"document.querySelector('[data-testid=reply-{model}]').textContent.endsWith('behind any proxy.')", null, wait);
        }
    }

    [Fact]
    public async Task ChatStream_CarriesThreeEventTypes_AsJson_WithEventStreamHeaders()
    {
        CancellationToken ct = TestTimeout.After(60);
        await using SampleApp sample = await SampleApp.StartAsync(ct);
        using var client = new HttpClient { BaseAddress = sample.BaseAddress };
        using HttpResponseMessage response = await client.GetAsync("streams/chat/test-room", HttpCompletionOption.ResponseHeadersRead, ct);

        List<string> types = await SampleChecks.ReadChatUntilSomeoneLeavesAsync(response, "test-room", ct);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentLength);
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.False(response.Headers.ConnectionClose ?? false);
        Assert.Equal("no", response.Headers.GetValues("X-Accel-Buffering").Single());
        Assert.Equal(["joined", "said", "left"], types);
    }

    [Fact]
    public async Task BadQueryArgument_Gets400ProblemDetails_BeforeAnyEvent()
    {
        CancellationToken ct = TestTimeout.After(60);
        await using SampleApp sample = await SampleApp.StartAsync(ct);
        await SampleChecks.AssertBadArgumentGets400Async(sample.BaseAddress, ct);
    }

    [Fact]
    public async Task PriceStream_IsChunkedOnTheWire_OneEventPerChunk()
    {
        CancellationToken ct = TestTimeout.After(60);
        await using SampleApp sample = await SampleApp.StartAsync(ct);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(sample.BaseAddress.Host, sample.BaseAddress.Port, ct);
        await using var stream = new NetworkStream(socket);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /streams/prices/wire?intervalMs=50 HTTP/1.1\r\nHost: {sample.BaseAddress.Authority}\r\n\r\n"), ct);
        var reader = new StrictChunkedReader(stream);
        Assert.Equal("HTTP/1.1 200 OK", await reader.ReadLineAsync(ct));
        var headers = new List<string>();
        while (await reader.ReadLineAsync(ct) is { Length: > 0 } header)
        {
            headers.Add(header);
        }

        Assert.Contains("Transfer-Encoding: chunked", headers);
        for (int i = 0; i < 5; i++)
        {
            var item = Assert.Single(SseOracle.Parse(await reader.ReadChunkAsync(ct)));
            Assert.Equal("price", item.EventType);
            Assert.Equal(i, JsonDocument.Parse(item.Data).RootElement.GetProperty("sequence").GetInt32());
        }
    }

    [Fact]
    public async Task Curl_PrintsClockEventsAsTheyCome()
    {
        string curl = RealProgram.Require("curl", "curl");
        CancellationToken ct = TestTimeout.After(60);
        await using SampleApp sample = await SampleApp.StartAsync(ct);

        await using ChildProcess process = ChildProcess.Start(curl, ["-sS", "-N", "--max-time", "20", new Uri(sample.BaseAddress, "streams/clock").ToString()]);
        while (System.Text.RegularExpressions.Regex.Matches(process.Output, "event: time").Count < 2)
        {
            Assert.False(process.HasExited, $"curl exited:\n{process.Output}");
            await Task.Delay(50, ct);
        }

        Assert.Matches(@"data: \d\d:\d\d:\d\d", process.Output);
    }
}
