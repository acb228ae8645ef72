namespace SseGen.LoadTest.Server;

/// <summary>The server side of <see cref="IClientFeeds"/>: the same counter every throughput peer streams.</summary>
internal sealed class ClientFeeds : IClientFeeds
{
    public IAsyncEnumerable<Tick> Ticks(int count, CancellationToken cancellationToken) => TickSource.Ticks(count, cancellationToken);
}
