using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.ServerSentEvents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace SseGen.Tests.Resume;

/// <summary>The in-memory replay store's memory follows the events it holds, within its caps, whatever clients read.</summary>
public sealed class InMemorySseReplayStoreBoundsTests
{
    private static InMemorySseReplayStore Store(Action<SseReplayOptions>? configure = null, TimeProvider? time = null, IMeterFactory? meters = null)
    {
        var options = new SseReplayOptions { Capacity = 16 };
        configure?.Invoke(options);
        return new InMemorySseReplayStore(Options.Create(options), meters, time);
    }

    [Fact]
    public async Task Read_OfAStreamWithNoEvents_HoldsAnEntryOnlyWhileItWaits()
    {
        using InMemorySseReplayStore store = Store();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestTimeout.After(10));
        IAsyncEnumerator<SseItem<string>> reader = store.ReadAsync("chat/nobody", null, cts.Token).GetAsyncEnumerator(cts.Token);

        ValueTask<bool> waiting = reader.MoveNextAsync();
        Assert.Equal((1, 0L), (store.EntryCount, store.StreamCount));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await waiting);
        await reader.DisposeAsync();

        Assert.Equal((0, 0L, 0L, 0L), (store.EntryCount, store.StreamCount, store.EventCount, store.ByteCount));
    }

    [Fact]
    public async Task Read_WaitingOnAnEmptyStream_GetsItsFirstEvent_AndTheStreamStaysWithIt()
    {
        using InMemorySseReplayStore store = Store();
        CancellationToken ct = TestTimeout.After(10);
        await using IAsyncEnumerator<SseItem<string>> reader = store.ReadAsync("chat/new", null, ct).GetAsyncEnumerator(ct);
        ValueTask<bool> waiting = reader.MoveNextAsync();

        await store.AppendAsync("chat/new", "first", cancellationToken: ct);

        Assert.True(await waiting);
        Assert.Equal(("first", "1"), (reader.Current.Data, reader.Current.EventId));
        Assert.Equal(1L, store.StreamCount);
    }

    [Fact]
    public async Task Append_GrowsTheRingWithTheEvents_NotToCapacity()
    {
        using InMemorySseReplayStore store = Store(o => o.Capacity = 1_000_000);

        await store.AppendAsync("s", "x", cancellationToken: TestContext.Current.CancellationToken);
        long before = GC.GetAllocatedBytesForCurrentThread();
        await store.AppendAsync("t", "x", cancellationToken: TestContext.Current.CancellationToken);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // A ring of a million slots would be 32 MB; a new stream's first event should cost well under a kilobyte.
        Assert.InRange(allocated, 1, 2048);
        Assert.Equal(2 * (2 + InMemorySseReplayStore.EventOverhead), store.ByteCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(30)]
    public async Task Read_FromEveryHeldId_ResumesWithEachLaterEventExactlyOnce(int total)
    {
        const int Capacity = 8;
        using InMemorySseReplayStore store = Store(o => o.Capacity = Capacity);
        for (int i = 1; i <= total; i++)
        {
            await store.AppendAsync("s", $"e{i}", cancellationToken: TestContext.Current.CancellationToken);
        }

        for (int k = Math.Max(0, total - Capacity); k <= total; k++)
        {
            List<string?> ids = await ReadHeldAsync(store, "s", k.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(Enumerable.Range(k + 1, total - k).Select(i => i.ToString(CultureInfo.InvariantCulture)), ids);
        }
    }

    [Theory]
    [InlineData(8, 20)]
    [InlineData(1, 5)]
    [InlineData(1024, 1025)]
    public async Task Read_AtTheRingBoundary_LatestMinusCapacityResumesEverything_AndOneEarlierIsHistoryLost(int capacity, int latest)
    {
        using InMemorySseReplayStore store = Store(o => o.Capacity = capacity);
        for (int i = 1; i <= latest; i++)
        {
            await store.AppendAsync("s", $"e{i}", cancellationToken: TestContext.Current.CancellationToken);
        }

        List<string?> resumed = await ReadHeldAsync(store, "s", (latest - capacity).ToString(CultureInfo.InvariantCulture));
        List<string?> lost = await ReadHeldAsync(store, "s", (latest - capacity - 1).ToString(CultureInfo.InvariantCulture));

        Assert.Equal(Enumerable.Range(latest - capacity + 1, capacity).Select(i => i.ToString(CultureInfo.InvariantCulture)), resumed);
        Assert.Equal([$"lost:{latest}"], lost);
    }

    [Fact]
    public async Task IdleStream_IsRemovedAfterTheIdleTimeout_AndNotBefore()
    {
        var time = new FakeTimeProvider();
        using InMemorySseReplayStore store = Store(o => o.IdleTimeout = TimeSpan.FromMinutes(10), time);
        await store.AppendAsync("s", "x", cancellationToken: TestContext.Current.CancellationToken);

        time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal((1L, 1L), (store.StreamCount, store.EventCount));

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal((0, 0L, 0L, 0L), (store.EntryCount, store.StreamCount, store.EventCount, store.ByteCount));
    }

    [Fact]
    public async Task IdleTimeout_CountsFromTheLastAppend()
    {
        var time = new FakeTimeProvider();
        using InMemorySseReplayStore store = Store(o => o.IdleTimeout = TimeSpan.FromMinutes(10), time);
        await store.AppendAsync("s", "x", cancellationToken: TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(8));
        await store.AppendAsync("s", "y", cancellationToken: TestContext.Current.CancellationToken);

        time.Advance(TimeSpan.FromMinutes(8));

        Assert.Equal(2L, store.EventCount);
    }

    [Fact]
    public async Task IdleTimeout_SparesAStreamWithAReader_AndCountsFromWhenItLeft()
    {
        var time = new FakeTimeProvider();
        using InMemorySseReplayStore store = Store(o => o.IdleTimeout = TimeSpan.FromMinutes(10), time);
        await store.AppendAsync("s", "x", cancellationToken: TestContext.Current.CancellationToken);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestTimeout.After(10));
        IAsyncEnumerator<SseItem<string>> reader = store.ReadAsync("s", null, cts.Token).GetAsyncEnumerator(cts.Token);
        ValueTask<bool> waiting = reader.MoveNextAsync();

        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1L, store.StreamCount);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await waiting);
        await reader.DisposeAsync();
        time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(1L, store.StreamCount);

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0L, store.StreamCount);
    }

    [Fact]
    public async Task StreamRemovedAndStartedAgain_GivesIdsAboveTheRemovedOnes_SoAnOldIdIsHistoryLost()
    {
        var time = new FakeTimeProvider();
        using InMemorySseReplayStore store = Store(o => o.IdleTimeout = TimeSpan.FromMinutes(10), time);
        for (int i = 0; i < 5; i++)
        {
            await store.AppendAsync("room", "old", cancellationToken: TestContext.Current.CancellationToken);
        }

        time.Advance(TimeSpan.FromMinutes(11));
        for (int i = 0; i < 5; i++)
        {
            await store.AppendAsync("room", "new", cancellationToken: TestContext.Current.CancellationToken);
        }

        Assert.Equal(["lost:10"], await ReadHeldAsync(store, "room", "3"));
        Assert.Equal(["6", "7", "8", "9", "10"], await ReadHeldAsync(store, "room", "5"));
    }

    [Fact]
    public async Task AppendToANewStreamAtMaxStreams_EvictsTheLeastRecentlyUsedStream()
    {
        using InMemorySseReplayStore store = Store(o => o.MaxStreams = 3);
        CancellationToken ct = TestContext.Current.CancellationToken;
        await store.AppendAsync("a", "x", cancellationToken: ct);
        await store.AppendAsync("b", "x", cancellationToken: ct);
        await store.AppendAsync("c", "x", cancellationToken: ct);
        await store.AppendAsync("a", "y", cancellationToken: ct);

        await store.AppendAsync("d", "x", cancellationToken: ct);

        Assert.Equal((3L, 4L), (store.StreamCount, store.EventCount));
        Assert.Equal(["lost:1"], await ReadHeldAsync(store, "b", "0"));
        Assert.Equal(["1", "2"], await ReadHeldAsync(store, "a", "0"));
    }

    [Fact]
    public async Task MaxStreams_NeverEvictsAStreamBeingRead()
    {
        using InMemorySseReplayStore store = Store(o => o.MaxStreams = 1);
        CancellationToken ct = TestTimeout.After(10);
        await store.AppendAsync("read", "x", cancellationToken: ct);
        await using IAsyncEnumerator<SseItem<string>> reader = store.ReadAsync("read", null, ct).GetAsyncEnumerator(ct);
        ValueTask<bool> waiting = reader.MoveNextAsync();

        await store.AppendAsync("other", "x", cancellationToken: ct);
        await store.AppendAsync("read", "y", cancellationToken: ct);

        Assert.True(await waiting);
        Assert.Equal(("y", "2"), (reader.Current.Data, reader.Current.EventId));
    }

    [Fact]
    public async Task Reads_NeverEvictAnything()
    {
        using InMemorySseReplayStore store = Store(o => o.MaxStreams = 1);
        await store.AppendAsync("held", "x", cancellationToken: TestContext.Current.CancellationToken);

        for (int i = 0; i < 10; i++)
        {
            _ = await ReadHeldAsync(store, $"unknown-{i}", "0");
        }

        Assert.Equal(["1"], await ReadHeldAsync(store, "held", "0"));
    }

    [Fact]
    public async Task AppendPastMaxBytes_EvictsTheOldestEventsOfTheLeastRecentlyUsedStream()
    {
        string data = new('x', 100);
        long eventBytes = (2 * data.Length) + InMemorySseReplayStore.EventOverhead;
        using InMemorySseReplayStore store = Store(o => o.MaxBytes = 10 * eventBytes);
        CancellationToken ct = TestContext.Current.CancellationToken;
        for (int i = 0; i < 5; i++)
        {
            await store.AppendAsync("a", data, cancellationToken: ct);
        }

        for (int i = 0; i < 5; i++)
        {
            await store.AppendAsync("b", data, cancellationToken: ct);
        }

        for (int i = 0; i < 3; i++)
        {
            await store.AppendAsync("c", data, cancellationToken: ct);
        }

        Assert.Equal((10L, 10 * eventBytes), (store.EventCount, store.ByteCount));
        Assert.Equal(["lost:5"], await ReadHeldAsync(store, "a", "2"));
        Assert.Equal(["4", "5"], await ReadHeldAsync(store, "a", "3"));
        Assert.Equal(["1", "2", "3", "4", "5"], await ReadHeldAsync(store, "b", "0"));
    }

    [Fact]
    public async Task AppendPastMaxBytes_RemovesAStreamItEmptied()
    {
        string data = new('x', 100);
        long eventBytes = (2 * data.Length) + InMemorySseReplayStore.EventOverhead;
        using InMemorySseReplayStore store = Store(o => o.MaxBytes = 2 * eventBytes);
        CancellationToken ct = TestContext.Current.CancellationToken;
        await store.AppendAsync("a", data, cancellationToken: ct);
        await store.AppendAsync("b", data, cancellationToken: ct);

        await store.AppendAsync("b", data, cancellationToken: ct);

        Assert.Equal((1, 1L, 2L), (store.EntryCount, store.StreamCount, store.EventCount));
    }

    [Fact]
    public async Task Append_EventLargerThanMaxBytes_IsRejected_AndNothingIsAppended()
    {
        using InMemorySseReplayStore store = Store(o => o.MaxBytes = 1000);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.AppendAsync("s", new string('x', 1000), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal((0, 0L), (store.EntryCount, store.EventCount));
    }

    [Fact]
    public async Task Metrics_FollowWhatTheStoreHolds_AndCountEvictionsByReason()
    {
        await using ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var streams = new MetricCollector<long>(meters, "SseGen", "ssegen.replay.streams");
        using var events = new MetricCollector<long>(meters, "SseGen", "ssegen.replay.events");
        using var bytes = new MetricCollector<long>(meters, "SseGen", "ssegen.replay.bytes");
        using var readers = new MetricCollector<long>(meters, "SseGen", "ssegen.replay.readers");
        using var evictions = new MetricCollector<long>(meters, "SseGen", "ssegen.replay.evictions");
        var time = new FakeTimeProvider();
        using InMemorySseReplayStore store = Store(o => (o.Capacity, o.MaxStreams, o.MaxBytes) = (2, 2, 2 * (2 + InMemorySseReplayStore.EventOverhead)), time, meters);
        CancellationToken ct = TestContext.Current.CancellationToken;

        await store.AppendAsync("a", "x", cancellationToken: ct);
        await store.AppendAsync("a", "x", cancellationToken: ct);
        await store.AppendAsync("a", "x", cancellationToken: ct); // capacity
        await store.AppendAsync("b", "x", cancellationToken: ct); // max-bytes: a's oldest
        await store.AppendAsync("c", "x", cancellationToken: ct); // max-streams: a
        _ = await ReadHeldAsync(store, "nobody", null);
        Assert.Equal((2L, 2L, store.ByteCount), (Sum(streams), Sum(events), Sum(bytes)));
        time.Advance(TimeSpan.FromHours(1)); // ttl: b and c

        Assert.Equal((0L, 0L, 0L, 0L), (Sum(streams), Sum(events), Sum(bytes), Sum(readers)));
        Assert.Equal(2, readers.GetMeasurementSnapshot().Count);
        Assert.Equal(
            [("capacity", 1L), ("max-bytes", 1L), ("max-streams", 1L), ("ttl", 2L)],
            evictions.GetMeasurementSnapshot().Select(m => ((string)m.Tags["reason"]!, m.Value)).OrderBy(r => r.Item1, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(nameof(SseReplayOptions.Capacity))]
    [InlineData(nameof(SseReplayOptions.IdleTimeout))]
    [InlineData(nameof(SseReplayOptions.MaxStreams))]
    [InlineData(nameof(SseReplayOptions.MaxBytes))]
    public void Constructor_ZeroLimit_ThrowsNamingTheOption(string option)
    {
        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => Store(o => Zero(o, option)));

        Assert.Contains($"SseReplayOptions.{option} must be positive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStart_WithANegativeLimit_FailsNamingTheOption()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSseReplayStore(o => o.MaxBytes = -1);
        using IHost host = builder.Build();

        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("SseReplayOptions.MaxBytes must be positive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registration_TakesTheClockFromServices()
    {
        var time = new FakeTimeProvider();
        var services = new ServiceCollection().AddMetrics().AddSingleton<TimeProvider>(time);
        services.AddSseReplayStore(o => o.IdleTimeout = TimeSpan.FromMinutes(1));
        using ServiceProvider provider = services.BuildServiceProvider();
        var store = (InMemorySseReplayStore)provider.GetRequiredService<ISseReplayStore>();
        await store.AppendAsync("s", "x", cancellationToken: TestContext.Current.CancellationToken);

        time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(0L, store.StreamCount);
    }

    internal static void Zero(SseReplayOptions options, string option)
    {
        switch (option)
        {
            case nameof(SseReplayOptions.Capacity): options.Capacity = 0; break;
            case nameof(SseReplayOptions.IdleTimeout): options.IdleTimeout = TimeSpan.Zero; break;
            case nameof(SseReplayOptions.MaxStreams): options.MaxStreams = 0; break;
            default: options.MaxBytes = 0; break;
        }
    }

    /// <summary>
    /// Reads as an endpoint does until the reader would wait for live events, then disconnects: the held events' ids, and
    /// <c>lost:{id}</c> for a history-lost event.
    /// </summary>
    internal static async Task<List<string?>> ReadHeldAsync(ISseReplayStore store, string stream, string? lastEventId)
    {
        // Linked to the test's token only, and disposed: a read leaves nothing behind, in the test as in the store.
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var ids = new List<string?>();
        IAsyncEnumerator<SseItem<string>> reader = store.ReadAsync(stream, lastEventId, cts.Token).GetAsyncEnumerator(cts.Token);
        try
        {
            while (true)
            {
                ValueTask<bool> next = reader.MoveNextAsync();
                if (!next.IsCompleted)
                {
                    await cts.CancelAsync();
                    await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await next);
                    return ids;
                }

                Assert.True(await next);
                ids.Add(reader.Current.EventType == ISseReplayStore.HistoryLostEventType ? $"lost:{reader.Current.EventId}" : reader.Current.EventId);
            }
        }
        finally
        {
            await reader.DisposeAsync();
        }
    }

    private static long Sum(MetricCollector<long> collector) => collector.GetMeasurementSnapshot().Sum(m => m.Value);
}
