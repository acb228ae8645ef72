using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SseGen.IntegrationTests.Http2;

/// <summary>On HTTP/2 the flush per event shows as a DATA frame per event, and a burst of ready events as few frames.</summary>
public sealed class Http2DataFrameTests
{
    [Fact]
    public async Task EachEventProducedAlone_IsOneDataFrame_HoldingExactlyThatWholeEvent()
    {
        var next = new SemaphoreSlim(0);
        await using TransportTestApp app = await TransportTestApp.StartAsync(HttpTransport.H2c, map: web =>
            web.MapGet("/paced-frames", (HttpContext context) =>
                SseResponse.StreamAsync(context, Paced(next, 5, context.RequestAborted), static (w, i) => w.WriteEvent(("event " + i + "\nsecond line").AsSpan(), eventType: "step", id: i), cancellationToken: context.RequestAborted)));
        CancellationToken ct = TestTimeout.After(30);
        await using Http2FrameReader reader = await Http2FrameReader.GetAsync(app.BaseAddress, "/paced-frames", ct);

        for (int i = 0; i < 5; i++)
        {
            byte[] frame = (await reader.ReadDataFrameAsync(ct))!;

            SseItem<string> item = Assert.Single(SseParser.Create(new MemoryStream(frame)).Enumerate());
            Assert.Equal($"event {i}\nsecond line", item.Data);
            Assert.Equal(i.ToString(CultureInfo.InvariantCulture), item.EventId);
            Assert.True(frame.AsSpan().EndsWith("\n\n"u8), "a DATA frame ends where its event ends");
            next.Release();
        }

        Assert.Null(await reader.ReadDataFrameAsync(ct));
    }

    [Fact]
    public async Task ABurstOfReadyEvents_TakesFewFrames_AndEveryEventArrivesWhole()
    {
        const int Count = 300;
        await using TransportTestApp app = await TransportTestApp.StartAsync(HttpTransport.H2c, map: web =>
            web.MapGet("/burst-frames", (HttpContext context) =>
                SseResponse.StreamAsync(context, Ready(Count), static (w, i) => w.WriteEvent(("tick " + i).AsSpan(), id: i))));
        CancellationToken ct = TestTimeout.After(30);
        await using Http2FrameReader reader = await Http2FrameReader.GetAsync(app.BaseAddress, "/burst-frames", ct);

        var frames = new List<byte[]>();
        while (await reader.ReadDataFrameAsync(ct) is { } frame)
        {
            frames.Add(frame);
        }

        List<SseItem<string>> items = [.. SseParser.Create(new MemoryStream([.. frames.SelectMany(f => f)])).Enumerate()];
        Assert.Equal(Enumerable.Range(0, Count).Select(i => "tick " + i), items.Select(i => i.Data));
        Assert.True(frames.Count < Count / 10, $"{Count} ready events took {frames.Count} DATA frames");
    }

    private static async IAsyncEnumerable<string> Paced(SemaphoreSlim next, int count, [EnumeratorCancellation] CancellationToken ct)
    {
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                await next.WaitAsync(ct);
            }

            yield return i.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static async IAsyncEnumerable<string> Ready(int count)
    {
        await Task.Yield();
        for (int i = 0; i < count; i++)
        {
            yield return i.ToString(CultureInfo.InvariantCulture);
        }
    }
}
