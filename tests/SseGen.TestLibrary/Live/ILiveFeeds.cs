using System.ComponentModel.DataAnnotations;
using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Mvc;

namespace SseGen.TestLibrary.Live;

/// <summary>
/// A contract both sides compile: the test app maps its implementation, and the integration tests generate a client of it.
/// One endpoint per item kind, with every kind of request value.
/// </summary>
public interface ILiveFeeds
{
    /// <summary>Text items: <paramref name="count"/> words starting with the route value <paramref name="prefix"/>.</summary>
    [SseEndpoint("/live/words/{prefix}")]
    IAsyncEnumerable<string> Words(string prefix, [Range(0, 100)] int count, CancellationToken ct);

    /// <summary>JSON items under one event type; the first number comes from a header, the count is optional.</summary>
    [SseEndpoint("/live/ticks", EventType = "tick")]
    IAsyncEnumerable<LiveTick> Ticks([FromHeader(Name = "X-Start")] int start, int? count, CancellationToken ct);

    /// <summary>Items with ids, two per connection, resuming after <paramref name="lastId"/>, up to <paramref name="total"/>.</summary>
    [SseEndpoint("/live/notes", RetryMilliseconds = 10)]
    IAsyncEnumerable<SseItem<string>> Notes([LastEventId] string? lastId, int total, CancellationToken ct);

    /// <summary>JSON items with their own event types and ids; the scale is an enum with a default.</summary>
    [SseEndpoint("/live/prices/{symbol}")]
    IAsyncEnumerable<SseItem<LivePrice>> Prices(string symbol, LiveScale scale = LiveScale.Unit, CancellationToken ct = default);

    /// <summary>A typed union: each derived type under its own event name.</summary>
    [SseEndpoint("/live/rooms/{room}")]
    IAsyncEnumerable<LiveEvent> Room(string room, [FromQuery(Name = "user")] string? user, CancellationToken ct);
}
