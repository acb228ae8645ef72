using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SseGen.Tests.AspNetCore;

/// <summary>
/// Hostile data through every item kind on a real Kestrel server, read by <see cref="SseParser"/>:
/// each value is exactly one event whose data is the value, and hostile names or ids never reach the wire.
/// </summary>
public sealed class InjectionTests
{

    [Fact]
    public async Task HostileStrings_EachArriveAsExactlyOneEvent_WithTheirDataIntact()
    {
        List<SseItem<string>> items = await ReadAsync(web => web.MapGet("/s", (HttpContext context) =>
            SseResponse.StreamAsync(context, AsyncItems.From(HostileData.Values), static (w, s) => w.WriteEvent(s, eventType: "hostile"), cancellationToken: context.RequestAborted)), "/s");

        Assert.Equal(HostileData.Values.Length, items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            Assert.Equal(HostileData.AsReceived(HostileData.Values[i]), items[i].Data);
            Assert.Equal("hostile", items[i].EventType);
        }
    }

    [Fact]
    public async Task HostileRecordFields_EachArriveAsExactlyOneEvent_WithTheSerializersJson()
    {
        List<SseItem<string>> items = await ReadAsync(web => web.MapGet("/r", (HttpContext context) =>
            SseResponse.StreamAsync(context, AsyncItems.From(HostileData.Values), static (w, s) => w.WriteJsonEvent(new Tick(s.Length, s), TestJsonContext.Default.Tick, eventType: "tick"), cancellationToken: context.RequestAborted)), "/r");

        Assert.Equal(HostileData.Values.Length, items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            string value = HostileData.Values[i];
            Assert.Equal(JsonSerializer.Serialize(new Tick(value.Length, value), TestJsonContext.Default.Tick), items[i].Data);
        }
    }

    [Fact]
    public async Task HostileSseItems_EachArriveAsExactlyOneEvent_WithTheirIds()
    {
        List<SseItem<string>> items = await ReadAsync(web => web.MapGet("/i", (HttpContext context) =>
            SseResponse.StreamAsync(context, Items(), static (w, item) => w.WriteItem(item, TestJsonContext.Default.Tick), cancellationToken: context.RequestAborted)), "/i");

        Assert.Equal(HostileData.Values.Length, items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            Assert.Equal(i.ToString(CultureInfo.InvariantCulture), items[i].EventId);
            Assert.Equal("item", items[i].EventType);
            Assert.Equal(HostileData.Values[i].Length, JsonSerializer.Deserialize(items[i].Data, TestJsonContext.Default.Tick)!.Count);
        }

        static async IAsyncEnumerable<SseItem<Tick>> Items()
        {
            int i = 0;
            await foreach (string value in AsyncItems.From(HostileData.Values))
            {
                yield return new SseItem<Tick>(new Tick(value.Length, value), "item") { EventId = (i++).ToString(CultureInfo.InvariantCulture) };
            }
        }
    }

    [Theory]
    [InlineData("bad\nid", null)]
    [InlineData("bad\rid", null)]
    [InlineData("bad\0id", null)]
    [InlineData(null, "bad\ntype")]
    [InlineData(null, "bad\r\ntype")]
    public async Task HostileIdOrEventType_IsRejectedBeforeAnyByteOfItIsWritten(string? id, string? eventType)
    {
        LoopbackApp? app = null;
        List<SseItem<string>> items = await ReadAsync(web => web.MapGet("/bad", (HttpContext context) =>
            SseResponse.StreamAsync(context, Bad(id, eventType), static (w, item) => w.WriteItem(item), cancellationToken: context.RequestAborted)), "/bad", started => app = started);

        // The stream ends at the bad item: the good event before it arrives whole, nothing of the bad one does.
        SseItem<string> only = Assert.Single(items);
        Assert.Equal("good", only.Data);
        Assert.Single(app!.Logs.Records, r => r.Level == LogLevel.Error && r.Exception is ArgumentException);

        static async IAsyncEnumerable<SseItem<string>> Bad(string? id, string? eventType)
        {
            yield return new SseItem<string>("good");
            await Task.Yield();
            yield return new SseItem<string>("payload of the bad item", eventType) { EventId = id };
        }
    }

    private static async Task<List<SseItem<string>>> ReadAsync(Action<WebApplication> map, string path, Action<LoopbackApp>? started = null)
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(map);
        started?.Invoke(app);
        CancellationToken ct = TestTimeout.After(60);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        using HttpResponseMessage response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        var items = new List<SseItem<string>>();
        await foreach (SseItem<string> item in SseParser.Create(await response.Content.ReadAsStreamAsync(ct)).EnumerateAsync(ct))
        {
            items.Add(item);
        }

        return items;
    }
}
