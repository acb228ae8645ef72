using System.Net.ServerSentEvents;
using Microsoft.Extensions.Options;

namespace SseGen.Tests.Resume;

public sealed class InMemorySseReplayStoreTests
{
    private static InMemorySseReplayStore Store(int capacity = 16) => new(Options.Create(new SseReplayOptions { Capacity = capacity }));

    [Fact]
    public async Task Append_GivesIncreasingIdsPerStream()
    {
        InMemorySseReplayStore store = Store();

        Assert.Equal("1", await store.AppendAsync("a", "x", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("2", await store.AppendAsync("a", "y", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("1", await store.AppendAsync("b", "z", cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Read_WithLastEventId_ReplaysWhatWasMissed_ThenLiveEvents()
    {
        InMemorySseReplayStore store = Store();
        for (int i = 1; i <= 5; i++)
        {
            await store.AppendAsync("s", $"e{i}", "tick", TestContext.Current.CancellationToken);
        }

        CancellationToken ct = TestTimeout.After(10);
        await using IAsyncEnumerator<SseItem<string>> reader = store.ReadAsync("s", "3", ct).GetAsyncEnumerator(ct);

        Assert.Equal(("e4", "4", "tick"), await NextAsync(reader));
        Assert.Equal(("e5", "5", "tick"), await NextAsync(reader));
        ValueTask<bool> waiting = reader.MoveNextAsync();
        Assert.False(waiting.IsCompleted);
        await store.AppendAsync("s", "e6", "tick", ct);
        Assert.True(await waiting);
        Assert.Equal("6", reader.Current.EventId);
    }

    [Fact]
    public async Task Read_WithoutLastEventId_StartsLive()
    {
        InMemorySseReplayStore store = Store();
        await store.AppendAsync("s", "old", cancellationToken: TestContext.Current.CancellationToken);
        CancellationToken ct = TestTimeout.After(10);
        await using IAsyncEnumerator<SseItem<string>> reader = store.ReadAsync("s", null, ct).GetAsyncEnumerator(ct);

        ValueTask<bool> waiting = reader.MoveNextAsync();
        await store.AppendAsync("s", "new", cancellationToken: ct);

        Assert.True(await waiting);
        Assert.Equal(("new", "2", "message"), (reader.Current.Data, reader.Current.EventId, reader.Current.EventType));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("99")]
    [InlineData("not-an-id")]
    [InlineData("-1")]
    public async Task Read_IdNoLongerHeld_SaysHistoryWasLost_AndMovesTheClientToNow(string lastEventId)
    {
        InMemorySseReplayStore store = Store(capacity: 4);
        for (int i = 1; i <= 10; i++)
        {
            await store.AppendAsync("s", $"e{i}", cancellationToken: TestContext.Current.CancellationToken);
        }

        CancellationToken ct = TestTimeout.After(10);
        await using IAsyncEnumerator<SseItem<string>> reader = store.ReadAsync("s", lastEventId, ct).GetAsyncEnumerator(ct);

        Assert.True(await reader.MoveNextAsync());
        Assert.Equal(ISseReplayStore.HistoryLostEventType, reader.Current.EventType);
        Assert.Equal(lastEventId, reader.Current.Data);
        Assert.Equal("10", reader.Current.EventId);
        ValueTask<bool> waiting = reader.MoveNextAsync();
        await store.AppendAsync("s", "e11", cancellationToken: ct);
        Assert.True(await waiting);
        Assert.Equal("11", reader.Current.EventId);
    }

    [Fact]
    public async Task Read_ReaderThatFallsBehindTheRing_IsToldInsteadOfSkippingSilently()
    {
        InMemorySseReplayStore store = Store(capacity: 4);
        await store.AppendAsync("s", "e1", cancellationToken: TestContext.Current.CancellationToken);
        CancellationToken ct = TestTimeout.After(10);
        await using IAsyncEnumerator<SseItem<string>> reader = store.ReadAsync("s", "1", ct).GetAsyncEnumerator(ct);
        for (int i = 2; i <= 12; i++)
        {
            await store.AppendAsync("s", $"e{i}", cancellationToken: ct);
        }

        Assert.True(await reader.MoveNextAsync());

        Assert.Equal(ISseReplayStore.HistoryLostEventType, reader.Current.EventType);
        Assert.Equal("12", reader.Current.EventId);
    }

    [Fact]
    public async Task Append_InvalidEventType_IsRejected_AndNothingIsAppended()
    {
        InMemorySseReplayStore store = Store();

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.AppendAsync("s", "x", "bad\ntype", TestContext.Current.CancellationToken));

        Assert.Equal("1", await store.AppendAsync("s", "y", cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ConcurrentAppendsAndReaders_EveryReaderSeesEveryEventOnceInOrder()
    {
        InMemorySseReplayStore store = Store(capacity: 4096);
        CancellationToken ct = TestTimeout.After(10);
        const int Count = 2000;
        Task<List<string?>>[] readers = [.. Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var ids = new List<string?>();
            await foreach (SseItem<string> item in store.ReadAsync("s", "0", ct))
            {
                ids.Add(item.EventId);
                if (ids.Count == Count)
                {
                    break;
                }
            }

            return ids;
        }, ct))];

        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < Count / 2; i++)
            {
                await store.AppendAsync("s", "x", cancellationToken: ct);
            }
        }, ct)));

        foreach (Task<List<string?>> reader in readers)
        {
            Assert.Equal(Enumerable.Range(1, Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), await reader);
        }
    }

    private static async Task<(string Data, string? Id, string Type)> NextAsync(IAsyncEnumerator<SseItem<string>> reader)
    {
        Assert.True(await reader.MoveNextAsync());
        return (reader.Current.Data, reader.Current.EventId, reader.Current.EventType);
    }
}
