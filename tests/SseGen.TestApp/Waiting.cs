using System.Runtime.CompilerServices;

namespace SseGen.TestApp;

/// <summary>Records that a waiting stream saw its cancellation token fire.</summary>
public sealed class StreamProbe
{
    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

public static class Waiting
{
    /// <summary>Sends one event, then waits until the client leaves.</summary>
    [SseEndpoint("/wait")]
    public static async IAsyncEnumerable<string> Wait(StreamProbe probe, [EnumeratorCancellation] CancellationToken ct)
    {
        yield return "first";
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        finally
        {
            probe.Cancelled.TrySetResult();
        }
    }
}
