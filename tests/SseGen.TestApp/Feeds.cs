using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Mvc;

namespace SseGen.TestApp;

/// <summary>One endpoint per item kind, as a user would write them.</summary>
public static class Feeds
{
    [SseEndpoint("/ticks", EventType = "tick")]
    public static async IAsyncEnumerable<Tick> Ticks(int count, [EnumeratorCancellation] CancellationToken ct)
    {
        for (int i = 0; i < count; i++)
        {
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            yield return new Tick(i, $"tick {i}");
        }
    }

    [SseEndpoint("/text")]
    public static async IAsyncEnumerable<string> Text([FromQuery(Name = "lines")] int lineCount = 2)
    {
        await Task.Yield();
        yield return string.Join("\r\n", Enumerable.Range(1, lineCount).Select(i => "line " + i));
        yield return "plain";
    }

    [SseEndpoint("/items", RetryMilliseconds = 2500)]
    public static async IAsyncEnumerable<SseItem<string>> Items([LastEventId] string? lastId)
    {
        await Task.Yield();
        int start = int.TryParse(lastId, out int last) ? last + 1 : 1;
        for (int i = start; i < start + 2; i++)
        {
            yield return new SseItem<string>("note " + i, "note") { EventId = i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }
    }

    [SseEndpoint("/prices/{symbol}")]
    public static async IAsyncEnumerable<SseItem<Price>> Prices(string symbol, [FromHeader(Name = "X-Scale")] decimal scale = 1m)
    {
        await Task.Yield();
        yield return new SseItem<Price>(new Price(symbol, 1.5m * scale), "price") { EventId = "p1", ReconnectionInterval = TimeSpan.FromSeconds(3) };
    }

    [SseEndpoint("/chat/{room}", HeartbeatSeconds = 15)]
    public static IAsyncEnumerable<ChatEvent> Chat(string room, [LastEventId] string? lastId, IChatHub hub, CancellationToken ct) =>
        hub.Listen(room, lastId, ct);
}
