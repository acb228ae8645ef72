using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace SseGen.LoadTest;

/// <summary>The streamed item. A struct, so the source allocates nothing and every allocation measured is the peer's.</summary>
internal readonly record struct Tick(long Sequence, double Price, string Symbol);

/// <summary>The same stream for every peer: a counter whose items are all ready at once, so the server is measured, not the source.</summary>
internal static class TickSource
{
    private const string Symbol = "MSFT";

    public static async IAsyncEnumerable<Tick> Ticks(int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Completes synchronously on purpose: no item is ever awaited.
        await Task.CompletedTask;
        for (int sequence = 0; sequence < count; sequence++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return NewTick(sequence);
        }
    }

    /// <summary>The same ticks already wrapped as SSE items, for the hand-written <c>SseFormatter</c> loop.</summary>
    public static async IAsyncEnumerable<SseItem<Tick>> TickItems(int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        for (int sequence = 0; sequence < count; sequence++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new SseItem<Tick>(NewTick(sequence), "tick");
        }
    }

    /// <summary>A stream with no events that stays open until the client leaves: the idle scenario.</summary>
    public static async IAsyncEnumerable<T> Silence<T>([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }

    private static Tick NewTick(int sequence) => new(sequence, 100 + (sequence % 1000) / 100.0, Symbol);
}
