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

    /// <summary>Stays silent longer than its one-second heartbeat, then sends one event.</summary>
    [SseEndpoint("/quiet", HeartbeatSeconds = 1)]
    public static async IAsyncEnumerable<string> Quiet([EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(1600), ct);
        yield return "late";
    }
}
