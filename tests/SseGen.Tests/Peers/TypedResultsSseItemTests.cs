using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SseGen.Tests.Peers;

/// <summary>
/// What SSE1007 is about, observed on real Kestrel: <c>TypedResults.ServerSentEvents(items, eventType)</c> over
/// <c>SseItem&lt;T&gt;</c> items binds the overload for plain values, so each whole <c>SseItem</c> becomes JSON data.
/// </summary>
public sealed class TypedResultsSseItemTests
{
    [Fact]
    public async Task WithAnEventType_EachWholeSseItemIsSerializedAsData_AndItsOwnFieldsAreLost()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
        {
            web.MapGet("/with-type", () => TypedResults.ServerSentEvents(Items(), "tick"));
            web.MapGet("/without", () => TypedResults.ServerSentEvents(Items()));
        });
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        CancellationToken ct = TestTimeout.After(20);

        SseItem<string> wrong = Assert.Single(await ReadAsync(http, "/with-type", ct));
        SseItem<string> right = Assert.Single(await ReadAsync(http, "/without", ct));

        // The bug: the event type of the call, the item's own one lost, and the data is the SseItem as an object.
        Assert.Equal("tick", wrong.EventType);
        Assert.Null(wrong.EventId);
        using JsonDocument document = JsonDocument.Parse(wrong.Data);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        Assert.Contains("\"count\":1", wrong.Data, StringComparison.Ordinal);

        // Without the argument: the item's own event type and id, and its data alone.
        Assert.Equal("step", right.EventType);
        Assert.Equal("7", right.EventId);
        Assert.Equal("{\"count\":1,\"label\":\"one\"}", right.Data);
    }

    private static async IAsyncEnumerable<SseItem<Tick>> Items()
    {
        await Task.Yield();
        yield return new SseItem<Tick>(new Tick(1, "one"), "step") { EventId = "7" };
    }

    private static async Task<List<SseItem<string>>> ReadAsync(HttpClient http, string path, CancellationToken ct)
    {
        await using Stream body = await http.GetStreamAsync(path, ct);
        var items = new List<SseItem<string>>();
        await foreach (SseItem<string> item in SseParser.Create(body).EnumerateAsync(ct))
        {
            items.Add(item);
        }

        return items;
    }
}
