using System.Net;
using System.Net.ServerSentEvents;
using Microsoft.Extensions.DependencyInjection;
using SseGen.Client;
using SseGen.TestApp;
using SseGen.TestLibrary.Live;

namespace SseGen.IntegrationTests.Client;

/// <summary>The generated client of <see cref="ILiveFeeds"/> against the real server that maps the same contract.</summary>
public sealed class GeneratedClientTests(TestAppServer server) : IClassFixture<TestAppServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ILiveFeeds Feeds => LiveFeedsClient.Create(new SseClient(server.Client));

    [Fact]
    public async Task TextItems_ComeBackWithTheirLines_FromTheEscapedRouteValueAndQuery()
    {
        List<string> words = await ToListAsync(Feeds.Words("a b?c#d", 3, Ct));

        Assert.Equal(["a b?c#d 0\nsecond line", "a b?c#d 1", "a b?c#d 2"], words);
    }

    [Fact]
    public async Task JsonItems_ComeBackTyped_WithTheHeaderAndOptionalQuery()
    {
        Assert.Equal([new LiveTick(5, "tick 5"), new LiveTick(6, "tick 6")], await ToListAsync(Feeds.Ticks(5, null, Ct)));
        Assert.Equal([new LiveTick(1, "tick 1")], await ToListAsync(Feeds.Ticks(1, 1, Ct)));
    }

    [Fact]
    public async Task SseItemsOfJson_KeepTheirEventTypesAndIds_AndTheEnumIsSent()
    {
        List<SseItem<LivePrice>> prices = await ToListAsync(Feeds.Prices("MSFT", LiveScale.Hundred, Ct), take: 2);

        Assert.Equal(["price", "close"], prices.Select(p => p.EventType));
        Assert.Equal(["p1", "p2"], prices.Select(p => p.EventId));
        Assert.Equal([new LivePrice("MSFT", 150m), new LivePrice("MSFT", 250m)], prices.Select(p => p.Data));
    }

    [Fact]
    public async Task Union_ComesBackAsTheDerivedTypeOfEachEventName()
    {
        List<LiveEvent> events = await ToListAsync(Feeds.Room("lobby", "ann", Ct));

        Assert.Equal<LiveEvent>([new LiveJoined("lobby", "ann"), new LiveSaid("lobby", "ann", "hello\r\nworld"), new LiveLeft("lobby", "ann")], events);
    }

    [Fact]
    public async Task NullOptionalQueryValue_IsOmitted_SoTheServerUsesItsOwn()
    {
        List<LiveEvent> events = await ToListAsync(Feeds.Room("lobby", null, Ct));

        Assert.Equal("anonymous", Assert.IsType<LiveJoined>(events[0]).User);
    }

    [Fact]
    public async Task StreamThatEndsEveryTwoItems_IsResumed_AndEachItemArrivesExactlyOnce()
    {
        const int Total = 3 * LiveFeeds.NotesPerConnection;

        List<SseItem<string>> notes = await ToListAsync(Feeds.Notes(null, Total, Ct), take: Total);

        Assert.Equal(Enumerable.Range(1, Total).Select(i => "note " + i), notes.Select(n => n.Data));
        Assert.Equal(Enumerable.Range(1, Total).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), notes.Select(n => n.EventId));
    }

    [Fact]
    public async Task LastEventIdParameter_IsTheFirstConnectionsLastEventId()
    {
        List<SseItem<string>> notes = await ToListAsync(Feeds.Notes("4", 6, Ct), take: 2);

        Assert.Equal(["5", "6"], notes.Select(n => n.EventId));
    }

    [Fact]
    public async Task ArgumentTheServerRejects_IsAnSseProblemException_NamingIt()
    {
        SseProblemException problem = await Assert.ThrowsAsync<SseProblemException>(() => ToListAsync(Feeds.Words("a", 101, Ct)));

        Assert.Equal(HttpStatusCode.BadRequest, problem.StatusCode);
        Assert.Contains("count", problem.Problem.Errors.Keys);
    }

    [Fact]
    public async Task AddSseClient_ResolvesTheContract_OverTheHttpClientFactory_WithDelegatingHandlers()
    {
        var counter = new CountingHandler();
        var services = new ServiceCollection();
        services.AddSseClient<ILiveFeeds, LiveFeedsClient>(http => http.BaseAddress = server.Client.BaseAddress)
            .AddHttpMessageHandler(() => counter);
        await using ServiceProvider provider = services.BuildServiceProvider();

        List<string> words = await ToListAsync(provider.GetRequiredService<ILiveFeeds>().Words("di", 1, Ct));

        Assert.Equal(["di 0\nsecond line"], words);
        Assert.Equal(1, counter.Requests);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items, int? take = null)
    {
        // Streams of the contract end cleanly; with ids the client would resume them, so those are read up to a count.
        var list = new List<T>();
        await foreach (T item in items.WithCancellation(Ct))
        {
            list.Add(item);
            if (list.Count == take)
            {
                break;
            }
        }

        return list;
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _requests;

        public int Requests => _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
