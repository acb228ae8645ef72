namespace SseGen.Sample;

/// <summary>Ends every open counter stream on demand, so the page can show a browser resuming with Last-Event-ID.</summary>
public sealed class ConnectionDropper
{
    private CancellationTokenSource _drop = new();

    /// <summary>Cancelled at the next <see cref="DropAll"/>.</summary>
    public CancellationToken Token => Volatile.Read(ref _drop).Token;

    /// <summary>Ends the counter streams open now.</summary>
    public void DropAll()
    {
        using CancellationTokenSource dropped = Interlocked.Exchange(ref _drop, new CancellationTokenSource());
        dropped.Cancel();
    }
}
