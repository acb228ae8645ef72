using System.Net;
using System.Net.ServerSentEvents;
using Microsoft.Extensions.DependencyInjection;
using SseGen.Client;
using SseGen.TestApp;
using SseGen.TestContracts;

namespace SseGen.IntegrationTests.Client;

/// <summary>
/// One definition, two sides, across projects: <see cref="IMarketFeeds"/> lives in a contract project that references
/// SseGen's attributes alone; the test app maps it to the implementation it registers, and the generated client calls it.
/// </summary>
public sealed class SharedContractTests(TestAppServer server) : IClassFixture<TestAppServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IMarketFeeds Market => MarketFeedsClient.Create(new SseClient(server.Client));

    [Fact]
    public async Task UnionOfTheContractProject_ComesBackTyped_AndEndsOnItsSentinel()
    {
        var events = new List<MarketEvent>();
        await foreach (MarketEvent e in Market.Session("ACME", 2, Ct))
        {
            events.Add(e);
        }

        Assert.Equal<MarketEvent>([new Opened("ACME", 2), new Trade("ACME", 1, 100.25m), new Trade("ACME", 2, 100.5m), new Closed("ACME")], events);
    }

    [Fact]
    public async Task Session_OnTheWire_CarriesEachCasesEventName_ThenDone()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/market/ACME/session?trades=1", HttpCompletionOption.ResponseHeadersRead, Ct);
        var events = new List<SseItem<string>>();
        await foreach (SseItem<string> item in SseParser.Create(await response.Content.ReadAsStreamAsync(Ct)).EnumerateAsync(Ct))
        {
            events.Add(item);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Equal(["opened", "trade", "closed", "message"], events.Select(e => e.EventType));
        Assert.Equal("""{"sequence":1,"price":100.25,"symbol":"ACME"}""", events[1].Data);
        Assert.Equal("[DONE]", events[3].Data);
    }

    [Fact]
    public async Task Trades_ResumeAfterTheLastEventIdTheCallerGives_FromTheRegisteredImplementation()
    {
        MarketFeeds implementation = server.App.Services.GetRequiredService<MarketFeeds>();
        int before = implementation.TradesConnections;

        var trades = new List<SseItem<Trade>>();
        await foreach (SseItem<Trade> trade in Market.Trades("ACME", 5, "2", Ct))
        {
            trades.Add(trade);
            if (trades.Count == 3)
            {
                break;
            }
        }

        Assert.Equal(["3", "4", "5"], trades.Select(t => t.EventId));
        Assert.Equal([3, 4, 5], trades.Select(t => t.Data.Sequence));
        Assert.True(implementation.TradesConnections > before);
    }

    [Fact]
    public async Task MissingQueryValue_Gets400WithProblemDetails_BeforeTheStream()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/market/ACME/trades", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("count", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
