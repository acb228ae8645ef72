using System.Globalization;
using System.Net.ServerSentEvents;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SseGen.Tests.AspNetCore;

[CollectionDefinition(nameof(SerialResilience), DisableParallelization = true)]
public sealed class SerialResilience;

/// <summary>Many disconnects and reconnects on a real Kestrel server: nothing lost, nothing leaked, nothing logged as an error.</summary>
[Collection(nameof(SerialResilience))]
public sealed class ResilienceTests(ITestOutputHelper output)
{

    [Fact]
    public async Task ThousandAbruptDisconnects_DisposeEveryEnumerator_LogNoError_AndLeaveNoStreamOpen()
    {
        const int Rounds = 10;
        const int PerRound = 100;
        int started = 0;
        int disposed = 0;
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/endless", (HttpContext context) =>
            SseResponse.StreamAsync(context, Endless(() => Interlocked.Increment(ref started), () => Interlocked.Increment(ref disposed), context.RequestAborted), static (w, i) => w.WriteEvent(i.ToString(CultureInfo.InvariantCulture)), cancellationToken: context.RequestAborted)));
        using var meter = new SseMeterListener(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        CancellationToken ct = TestTimeout.After(120);
        long memoryAfterFirstRound = 0;

        for (int round = 0; round < Rounds; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, PerRound).Select(i => ConnectReadOneAndDropAsync(app, rude: i % 2 == 0, ct)));
            while (Volatile.Read(ref disposed) < (round + 1) * PerRound)
            {
                await Task.Delay(10, ct);
            }

            if (round == 0)
            {
                memoryAfterFirstRound = GC.GetTotalMemory(forceFullCollection: true);
            }
        }

        long memoryAtEnd = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"managed heap after {PerRound} disconnects: {memoryAfterFirstRound:N0} B; after {Rounds * PerRound}: {memoryAtEnd:N0} B");
        Assert.Equal(Rounds * PerRound, Volatile.Read(ref started));
        Assert.Equal(Rounds * PerRound, Volatile.Read(ref disposed));
        Assert.DoesNotContain(app.Logs.Records, r => r.Level >= LogLevel.Warning);
        Assert.Equal(Rounds * PerRound, app.Logs.Records.Count(r => r.Category == "SseGen" && r.EventId.Id == 1));
        Assert.Equal(0, meter["ssegen.streams.active"]);
        Assert.Equal(Rounds * PerRound, meter["ssegen.disconnects"]);
        Assert.True(memoryAtEnd - memoryAfterFirstRound < 8 * 1024 * 1024, $"the heap grew by {memoryAtEnd - memoryAfterFirstRound:N0} B over {(Rounds - 1) * PerRound} more disconnects");
    }

    [Fact]
    public async Task HundredReconnectsWithLastEventId_ReceiveTheWholeSequence_WithoutGapOrDuplicate()
    {
        const int Total = 3000;
        const int Reconnects = 100;
        await using LoopbackApp app = await LoopbackApp.StartAsync(
            web => web.MapGet("/feed", (HttpContext context, ISseReplayStore store) =>
                SseResponse.StreamAsync(context, store.ReadAsync("feed", context.Request.Headers["Last-Event-ID"], context.RequestAborted), static (w, item) => w.WriteItem(item), cancellationToken: context.RequestAborted)),
            services => services.AddSseReplayStore(o => o.Capacity = Total));
        var store = app.Services.GetRequiredService<ISseReplayStore>();
        CancellationToken ct = TestTimeout.After(120);

        Task publishing = Task.Run(async () =>
        {
            for (int i = 1; i <= Total; i++)
            {
                await store.AppendAsync("feed", $"event {i}", "n", ct);
                if (i % 10 == 0)
                {
                    await Task.Delay(1, ct);
                }
            }
        }, ct);

        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var random = new Random(20261125);
        var received = new List<string>();
        string lastEventId = "0";
        for (int connection = 0; connection <= Reconnects; connection++)
        {
            int take = connection == Reconnects ? int.MaxValue : random.Next(1, 40);
            using var request = new HttpRequestMessage(HttpMethod.Get, "feed");
            request.Headers.Add("Last-Event-ID", lastEventId);
            using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            await foreach (SseItem<string> item in SseParser.Create(await response.Content.ReadAsStreamAsync(ct)).EnumerateAsync(ct))
            {
                Assert.NotEqual(ISseReplayStore.HistoryLostEventType, item.EventType);
                received.Add(item.EventId!);
                lastEventId = item.EventId!;
                if (--take == 0 || received.Count == Total)
                {
                    break;
                }
            }

            // Disposing the response mid-body drops the connection, as a flaky network would.
        }

        await publishing;
        Assert.Equal(Enumerable.Range(1, Total).Select(i => i.ToString(CultureInfo.InvariantCulture)), received);
    }

    [Fact]
    public async Task ItemsThrowMidStream_OneErrorIsLogged_AndTheClientResumesFromItsLastEventId()
    {
        int connections = 0;
        await using LoopbackApp app = await LoopbackApp.StartAsync(
            web => web.MapGet("/flaky", (HttpContext context, ISseReplayStore store) =>
            {
                IAsyncEnumerable<SseItem<string>> items = store.ReadAsync("flaky", context.Request.Headers["Last-Event-ID"], context.RequestAborted);
                bool first = Interlocked.Increment(ref connections) == 1;
                return SseResponse.StreamAsync(context, first ? ThrowAfter(items, 3) : items, static (w, item) => w.WriteItem(item), new SseStreamOptions { EndpointName = "flaky" }, context.RequestAborted);
            }),
            services => services.AddSseReplayStore());
        var store = app.Services.GetRequiredService<ISseReplayStore>();
        CancellationToken ct = TestTimeout.After(30);
        for (int i = 1; i <= 6; i++)
        {
            await store.AppendAsync("flaky", $"e{i}", cancellationToken: ct);
        }

        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        List<SseItem<string>> firstConnection = await ReadAllAsync(client, "0", 6, ct);
        List<SseItem<string>> secondConnection = await ReadAllAsync(client, firstConnection[^1].EventId!, 3, ct);

        Assert.Equal(["1", "2", "3"], firstConnection.Select(i => i.EventId));
        Assert.Equal(["4", "5", "6"], secondConnection.Select(i => i.EventId));
        var error = Assert.Single(app.Logs.Records, r => r.Level >= LogLevel.Error);
        Assert.Contains("'flaky' failed after 3 events", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<SseItem<string>>> ReadAllAsync(HttpClient client, string lastEventId, int atMost, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "flaky");
        request.Headers.Add("Last-Event-ID", lastEventId);
        using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var items = new List<SseItem<string>>();
        await foreach (SseItem<string> item in SseParser.Create(await response.Content.ReadAsStreamAsync(ct)).EnumerateAsync(ct))
        {
            items.Add(item);
            if (items.Count == atMost)
            {
                break;
            }
        }

        return items;
    }

    private static async Task ConnectReadOneAndDropAsync(LoopbackApp app, bool rude, CancellationToken ct)
    {
        NetworkStream stream = await app.SendGetAsync("/endless", ct);
        var reader = new StrictChunkedReader(stream);
        while ((await reader.ReadLineAsync(ct)).Length > 0)
        {
        }

        await reader.ReadChunkAsync(ct);
        if (rude)
        {
            stream.Socket.Close(0);
        }

        await stream.DisposeAsync();
    }

    private static async IAsyncEnumerable<int> Endless(Action started, Action disposed, [EnumeratorCancellation] CancellationToken ct)
    {
        started();
        try
        {
            for (int i = 0; i < 100_000; i++)
            {
                yield return i;
                await Task.Delay(20, ct);
            }
        }
        finally
        {
            disposed();
        }
    }

    private static async IAsyncEnumerable<SseItem<string>> ThrowAfter(IAsyncEnumerable<SseItem<string>> items, int count, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (SseItem<string> item in items.WithCancellation(ct))
        {
            yield return item;
            if (--count == 0)
            {
                throw new InvalidOperationException("the feed broke");
            }
        }
    }
}
