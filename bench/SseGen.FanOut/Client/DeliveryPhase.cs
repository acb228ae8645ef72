using System.Diagnostics;

namespace SseGen.FanOut.Client;

/// <summary>
/// One measured publish: which sequences it covers, the publish→receive latency of every delivery (subscriber ×
/// event), and the moment the last delivery arrived. Every delivery is recorded exactly once or the run fails.
/// </summary>
internal sealed class DeliveryPhase
{
    private readonly long[] _latencies;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _remaining;

    public DeliveryPhase(long firstSequence, int events, int subscribers)
    {
        FirstSequence = firstSequence;
        Events = events;
        Expected = (long)events * subscribers;
        _latencies = new long[Expected];
        _remaining = Expected;
        if (Expected == 0)
        {
            _done.SetResult();
        }
    }

    public long FirstSequence { get; }

    public int Events { get; }

    /// <summary>Subscribers × events.</summary>
    public long Expected { get; }

    public long Delivered => Expected - Volatile.Read(ref _remaining);

    /// <summary>Completes when every subscriber has received every event of the phase.</summary>
    public Task Done => _done.Task;

    /// <summary>The <see cref="Stopwatch"/> timestamp of the last delivery.</summary>
    public long CompletedAt { get; private set; }

    /// <summary>Records that <paramref name="subscriber"/> received <paramref name="sequence"/>, <paramref name="latencyTicks"/> after its publish.</summary>
    public void Record(int subscriber, long sequence, long latencyTicks)
    {
        long offset = sequence - FirstSequence;
        if ((ulong)offset >= (ulong)Events)
        {
            throw new InvalidDataException($"subscriber {subscriber} received event {sequence}, outside this phase's {FirstSequence}..{FirstSequence + Events - 1}");
        }

        _latencies[((long)subscriber * Events) + offset] = latencyTicks;
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            CompletedAt = Stopwatch.GetTimestamp();
            _done.TrySetResult();
        }
    }

    /// <summary>The latency percentiles in milliseconds; call once <see cref="Done"/> has completed.</summary>
    public (double P50, double P99) LatencyPercentiles()
    {
        Array.Sort(_latencies);
        return (ToMilliseconds(Percentile(0.50)), ToMilliseconds(Percentile(0.99)));
    }

    private long Percentile(double quantile) =>
        _latencies.Length == 0 ? 0 : _latencies[Math.Min(_latencies.Length - 1, (int)Math.Ceiling(quantile * _latencies.Length) - 1)];

    private static double ToMilliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
