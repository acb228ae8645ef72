using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using SseGen.TestContracts;

namespace SseGen.TestApp;

/// <summary>
/// The server side of <see cref="IMarketFeeds"/>, a contract from a project that references SseGen's attributes alone:
/// MapSseEndpoints maps it from that assembly to this registered implementation.
/// </summary>
public sealed class MarketFeeds(SseTopics<Quote> quotes) : IMarketFeeds
{
    private int _tradesConnections;

    /// <summary>How many times <see cref="Trades"/> was requested.</summary>
    public int TradesConnections => Volatile.Read(ref _tradesConnections);

    public async IAsyncEnumerable<SseItem<Trade>> Trades(string symbol, int count, string? lastEventId, [EnumeratorCancellation] CancellationToken ct)
    {
        Interlocked.Increment(ref _tradesConnections);
        int start = int.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out int last) ? last + 1 : 1;
        for (int i = start; i <= count; i++)
        {
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            yield return new SseItem<Trade>(new Trade(symbol, i, 100m + (i / 4m)), "trade") { EventId = i.ToString(CultureInfo.InvariantCulture) };
        }
    }

    public async IAsyncEnumerable<MarketEvent> Session(string symbol, int trades, [EnumeratorCancellation] CancellationToken ct)
    {
        yield return new Opened(symbol, trades);
        for (int i = 1; i <= trades; i++)
        {
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            yield return new Trade(symbol, i, 100m + (i / 4m));
        }

        yield return new Closed(symbol);
    }

    /// <summary>The topic of <paramref name="symbol"/>'s quotes; a symbol that is not one topic name segment throws (a 400).</summary>
    public SseTopic<Quote> QuoteTopic(string symbol) => quotes.Get(SseTopicName.Join("quotes", symbol));

    // The contract cannot name SseSubscription<Quote>: the subscription goes out as the items it declares, its frames as they are.
    public IAsyncEnumerable<SseItem<Quote>> Quotes(string symbol, string? lastEventId, CancellationToken ct) =>
        QuoteTopic(symbol).SubscribeAsync(lastEventId, ct).AsItems();
}
