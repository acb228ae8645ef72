using System.Runtime.CompilerServices;

namespace SseGen.Tests;

/// <summary>Items as an endpoint's <see cref="IAsyncEnumerable{T}"/>, all ready at once.</summary>
internal static class AsyncItems
{
    public static async IAsyncEnumerable<T> From<T>(params T[] items)
    {
        foreach (T item in items)
        {
            yield return item;
        }

        await Task.CompletedTask;
    }

    /// <summary>
    /// 64 KB items as fast as the stream takes them (at most 100,000), counting each one pulled and completing
    /// <paramref name="ended"/> when the enumerator is disposed: for tests of clients that stop reading.
    /// </summary>
    public static async IAsyncEnumerable<string> Firehose(TaskCompletionSource ended, StrongBox<int> produced, [EnumeratorCancellation] CancellationToken ct)
    {
        string big = new('x', 64 * 1024);
        try
        {
            for (int i = 0; i < 100_000; i++)
            {
                ct.ThrowIfCancellationRequested();
                produced.Value++;
                yield return big;
                await Task.Yield();
            }
        }
        finally
        {
            ended.TrySetResult();
        }
    }
}
