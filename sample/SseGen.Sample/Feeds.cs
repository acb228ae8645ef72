using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace SseGen.Sample;

/// <summary>The sample's event streams: each method is one endpoint, written by the SseGen generator.</summary>
public static class Feeds
{
    private static readonly string[] Users = ["ada", "grace", "linus", "barbara"];
    private static readonly string[] Lines = ["hello!", "anyone tried SseGen behind nginx?", "works with proxy_buffering off", "and Caddy flushes at once", "bye for now"];

    /// <summary>A clock: plain string events, one a second.</summary>
    [SseEndpoint("/streams/clock", EventType = "time")]
    public static async IAsyncEnumerable<string> Clock([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            yield return DateTimeOffset.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    /// <summary>
    /// A random walk of a price: typed records as JSON, bound to a route value and a validated query value; an interval
    /// out of range gets 400 before the stream starts, not an empty stream the browser would reconnect to forever.
    /// </summary>
    [SseEndpoint("/streams/prices/{symbol}", EventType = "price")]
    public static async IAsyncEnumerable<PriceTick> Prices(
        string symbol,
        [Range(20, 10_000)] int intervalMs = 250,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var random = new Random(symbol.GetHashCode(StringComparison.Ordinal));
        double price = 100;
        for (long sequence = 0; !cancellationToken.IsCancellationRequested; sequence++)
        {
            price = Math.Max(1, price + ((random.NextDouble() - 0.5) * 2));
            yield return new PriceTick(symbol.ToUpperInvariant(), Math.Round(price, 2), sequence);
            await Task.Delay(intervalMs, cancellationToken);
        }
    }

    /// <summary>A chat room with a bot cast: several event types in one stream, with heartbeats every 5 seconds.</summary>
    [SseEndpoint("/streams/chat/{room}", HeartbeatSeconds = 5)]
    public static async IAsyncEnumerable<ChatEvent> Chat(string room, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (int turn = 0; !cancellationToken.IsCancellationRequested; turn++)
        {
            string user = Users[turn % Users.Length];
            yield return new UserJoined(room, DateTimeOffset.UtcNow, user);
            foreach (string line in Lines.Take(1 + (turn % Lines.Length)))
            {
                await Task.Delay(700, cancellationToken);
                yield return new MessageSaid(room, DateTimeOffset.UtcNow, user, line);
            }

            await Task.Delay(500, cancellationToken);
            yield return new UserLeft(room, DateTimeOffset.UtcNow, user);
        }
    }

    /// <summary>
    /// A resumable counter: every event carries its number as its id; a reconnecting browser sends the last one as
    /// <c>Last-Event-ID</c> and the count goes on from there. The connection is dropped every 10 events, or when
    /// <see cref="ConnectionDropper"/> is told to, to show it.
    /// </summary>
    [SseEndpoint("/streams/counter", RetryMilliseconds = 500)]
    public static async IAsyncEnumerable<SseItem<int>> Counter([LastEventId] string? lastEventId, ConnectionDropper dropper, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int next = int.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out int last) ? last + 1 : 0;
        using var dropped = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, dropper.Token);
        for (int sent = 0; sent < 10; sent++, next++)
        {
            yield return new SseItem<int>(next, "count") { EventId = next.ToString(CultureInfo.InvariantCulture) };
            try
            {
                await Task.Delay(400, dropped.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                yield break;
            }
        }
    }
}
