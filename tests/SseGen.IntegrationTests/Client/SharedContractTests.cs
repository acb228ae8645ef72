using System.Net;
using System.Net.ServerSentEvents;
using Microsoft.Extensions.DependencyInjection;
using SseGen.Client;
using SseGen.IntegrationTests.Broadcast;
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

    [Fact]
    public async Task TopicBehindTheContract_ReachesTheGeneratedClientTyped_AndResumesFromItsHistory()
    {
        SseTopic<Quote> topic = server.App.Services.GetRequiredService<MarketFeeds>().QuoteTopic("QTE");
        var first = new List<SseItem<Quote>>();
        await using (IAsyncEnumerator<SseItem<Quote>> live = Market.Quotes("QTE", null, Ct).GetAsyncEnumerator(Ct))
        {
            // The client connects on its first move; publish once the server has the subscriber.
            ValueTask<bool> moved = live.MoveNextAsync();
            await TopicWaits.ForSubscribersAsync(topic, 1);
            for (int i = 1; i <= 3; i++)
            {
                await topic.PublishAsync(new Quote("QTE", i, i + 0.5m), Ct);
            }

            for (int i = 0; i < 3; i++)
            {
                Assert.True(await (i == 0 ? moved : live.MoveNextAsync()));
                first.Add(live.Current);
            }
        }

        Assert.Equal([1m, 2m, 3m], first.Select(q => q.Data.Bid));
        Assert.All(first, q => Assert.Equal("quote", q.EventType));
        Assert.Equal(topic.LastEventId, first[2].EventId);

        // A second connection that says it has the first quote gets the two after it from the topic's history, then live ones.
        await TopicWaits.ForSubscribersAsync(topic, 0);
        var resumed = new List<SseItem<Quote>>();
        await foreach (SseItem<Quote> quote in Market.Quotes("QTE", first[0].EventId, Ct))
        {
            resumed.Add(quote);
            if (resumed.Count == 2)
            {
                await topic.PublishAsync(new Quote("QTE", 4, 4.5m), Ct);
            }
            else if (resumed.Count == 3)
            {
                break;
            }
        }

        Assert.Equal([2m, 3m, 4m], resumed.Select(q => q.Data.Bid));
        Assert.Equal([first[1].EventId, first[2].EventId], resumed.Take(2).Select(q => q.EventId));
    }

    [Fact]
    public async Task ResumeFromAnIdTheTopicDoesNotHold_SkipsHistoryLost_ThenGetsLiveQuotes()
    {
        // The server answers with history-lost, whose data is the id sent back, not a Quote: the client must not read it
        // as one (it threw on the JSON before), and goes on to the live quotes.
        SseTopic<Quote> topic = server.App.Services.GetRequiredService<MarketFeeds>().QuoteTopic("LOST");
        await topic.PublishAsync(new Quote("LOST", 1m, 1.5m), Ct);
        await using IAsyncEnumerator<SseItem<Quote>> quotes = Market.Quotes("LOST", "another-history:42", Ct).GetAsyncEnumerator(Ct);
        ValueTask<bool> moved = quotes.MoveNextAsync();
        await TopicWaits.ForSubscribersAsync(topic, 1);
        SseFrame live = await topic.PublishAsync(new Quote("LOST", 2m, 2.5m), Ct);

        Assert.True(await moved);
        Assert.Equal("quote", quotes.Current.EventType);
        Assert.Equal(2m, quotes.Current.Data.Bid);
        Assert.Equal(live.Id, quotes.Current.EventId);
    }

    [Fact]
    public async Task TopicBehindTheContract_IsWrittenAsTheTopicsFrames_WithTheEventTypeOfTheSseEventAttribute()
    {
        SseTopic<Quote> topic = server.App.Services.GetRequiredService<MarketFeeds>().QuoteTopic("WIRE");
        using HttpResponseMessage response = await server.Client.GetAsync("/market/WIRE/quotes", HttpCompletionOption.ResponseHeadersRead, Ct);
        await TopicWaits.ForSubscribersAsync(topic, 1);
        SseFrame published = await topic.PublishAsync(new Quote("WIRE", 1.25m, 1.5m), Ct);

        await using IAsyncEnumerator<SseItem<string>> events = SseParser.Create(await response.Content.ReadAsStreamAsync(Ct)).EnumerateAsync(Ct).GetAsyncEnumerator(Ct);
        Assert.True(await events.MoveNextAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Equal("quote", events.Current.EventType);
        Assert.Equal(published.Id, events.Current.EventId);
        Assert.Equal("""{"symbol":"WIRE","bid":1.25,"ask":1.5}""", events.Current.Data);
    }

    [Fact]
    public async Task TopicNameThatBreaksTheRule_Gets400FromTheContractEndpoint_AndTheClientATypedError()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/market/a%20b/quotes", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("topic", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        SseProblemException error = await Assert.ThrowsAsync<SseProblemException>(async () =>
        {
            await foreach (SseItem<Quote> quote in Market.Quotes("a b", null, Ct))
            {
                Assert.Fail("no quote comes from a topic that cannot be named: " + quote.EventId);
            }
        });
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("topic", error.Problem.Errors.Keys);
    }
}
