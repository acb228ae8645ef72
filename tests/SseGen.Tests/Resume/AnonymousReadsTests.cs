using System.Globalization;
using Microsoft.Extensions.Options;

namespace SseGen.Tests.Resume;

/// <summary>
/// Anyone can GET <c>/chat/{room}</c> with any room: reads of names that hold no events must leave nothing behind.
/// Alone in its collection, so no other test's allocations blur the heap measurement.
/// </summary>
[Collection(nameof(AnonymousReadsTests))]
[CollectionDefinition(nameof(AnonymousReadsTests), DisableParallelization = true)]
public sealed class AnonymousReadsTests
{
    [Fact]
    public async Task HundredThousandReadsOfDistinctEmptyNames_HoldNoStream_AndNoMemory()
    {
        const int Names = 100_000;
        using var store = new InMemorySseReplayStore(Options.Create(new SseReplayOptions()));
        await store.AppendAsync("chat/lobby", "hello", cancellationToken: TestContext.Current.CancellationToken);
        string?[] clientIds = [null, "0", "5", "not-an-id"];
        long before = GC.GetTotalMemory(forceFullCollection: true);

        for (int i = 0; i < Names; i++)
        {
            // As an endpoint serves a GET: read, possibly from the client's Last-Event-ID, until the client goes away.
            List<string?> read = await InMemorySseReplayStoreBoundsTests.ReadHeldAsync(store, "chat/" + i.ToString(CultureInfo.InvariantCulture), clientIds[i % clientIds.Length]);
            Assert.True(read.Count <= 1);
        }

        long after = GC.GetTotalMemory(forceFullCollection: true);
        TestContext.Current.TestOutputHelper?.WriteLine($"{Names} names read: heap {before:N0} B before, {after:N0} B after ({after - before:N0} B)");

        Assert.Equal((1, 1L, 1L), (store.EntryCount, store.StreamCount, store.EventCount));
        Assert.Equal(2 * "hello".Length + InMemorySseReplayStore.EventOverhead, store.ByteCount);
        Assert.InRange(after - before, long.MinValue, 4L * 1024 * 1024);
        Assert.Equal(["1"], await InMemorySseReplayStoreBoundsTests.ReadHeldAsync(store, "chat/lobby", "0"));
        GC.KeepAlive(store);
    }
}
