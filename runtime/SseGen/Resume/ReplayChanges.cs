using System.Diagnostics;

namespace SseGen;

/// <summary>What one operation of <see cref="InMemorySseReplayStore"/> changed, reported to the meter after its lock is released.</summary>
internal struct ReplayChanges
{
    private static readonly TagList CapacityReason = new() { { SseMetrics.EvictionReasonTag, "capacity" } };
    private static readonly TagList TtlReason = new() { { SseMetrics.EvictionReasonTag, "ttl" } };
    private static readonly TagList MaxStreamsReason = new() { { SseMetrics.EvictionReasonTag, "max-streams" } };
    private static readonly TagList MaxBytesReason = new() { { SseMetrics.EvictionReasonTag, "max-bytes" } };

    public long Streams;
    public long Events;
    public long Bytes;
    public long CapacityEvicted;
    public long TtlEvicted;
    public long MaxStreamsEvicted;
    public long MaxBytesEvicted;

    public readonly void ReportTo(SseMetrics metrics)
    {
        if (Streams != 0)
        {
            metrics.ReplayStreams.Add(Streams);
        }

        if (Events != 0)
        {
            metrics.ReplayEvents.Add(Events);
        }

        if (Bytes != 0)
        {
            metrics.ReplayBytes.Add(Bytes);
        }

        if (CapacityEvicted != 0)
        {
            metrics.ReplayEvictions.Add(CapacityEvicted, CapacityReason);
        }

        if (TtlEvicted != 0)
        {
            metrics.ReplayEvictions.Add(TtlEvicted, TtlReason);
        }

        if (MaxStreamsEvicted != 0)
        {
            metrics.ReplayEvictions.Add(MaxStreamsEvicted, MaxStreamsReason);
        }

        if (MaxBytesEvicted != 0)
        {
            metrics.ReplayEvictions.Add(MaxBytesEvicted, MaxBytesReason);
        }
    }
}
