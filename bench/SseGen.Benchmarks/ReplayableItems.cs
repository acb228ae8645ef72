namespace SseGen.Benchmarks;

/// <summary>
/// An allocation-free <see cref="IAsyncEnumerable{T}"/> over an array, so that both sides of a benchmark
/// pay nothing for the source and the figures show only the writers.
/// </summary>
internal sealed class ReplayableItems<T>(T[] items) : IAsyncEnumerable<T>, IAsyncEnumerator<T>
{
    private int _index = -1;

    public T Current => items[_index];

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        _index = -1;
        return this;
    }

    public ValueTask<bool> MoveNextAsync() => new(++_index < items.Length);

    public ValueTask DisposeAsync() => default;
}
