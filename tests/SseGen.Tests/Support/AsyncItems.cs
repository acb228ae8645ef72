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
}
