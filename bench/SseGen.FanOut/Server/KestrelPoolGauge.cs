using System.Diagnostics.Metrics;

namespace SseGen.FanOut.Server;

/// <summary>
/// Kestrel's memory pool, seen from outside: the bytes it holds unrented, blocks a burst of connections once needed, which
/// the pool keeps and evicts at its own pace (faster with no traffic than with a trickle of heartbeats), so the idle scale
/// reports them apart from what each stream holds; and the bytes it allocated to grow, so a phase's allocations show how
/// much of them is the pool growing to the phase's peak of blocks in flight.
/// </summary>
/// <remarks>
/// Read from ASP.NET Core's own <c>aspnetcore.memory_pool.pooled</c> up-down counter and <c>aspnetcore.memory_pool.allocated</c>
/// counter. They publish changes, not levels, so the listener starts before the host is built and sums every change from
/// the pool's first block.
/// </remarks>
internal static class KestrelPoolGauge
{
    private const string MeterName = "Microsoft.AspNetCore.MemoryPool";
    private const string PooledInstrument = "aspnetcore.memory_pool.pooled";
    private const string AllocatedInstrument = "aspnetcore.memory_pool.allocated";
    private const string EvictedInstrument = "aspnetcore.memory_pool.evicted";

    private static readonly MeterListener Listener = new();
    private static long _pooledBytes;
    private static long _allocatedBytes;
    private static long _evictedBytes;

    public static long PooledBytes => Interlocked.Read(ref _pooledBytes);

    public static long AllocatedBytes => Interlocked.Read(ref _allocatedBytes);

    /// <summary>Bytes of blocks the pool evicted (let go of to the GC) since the process started.</summary>
    public static long EvictedBytes => Interlocked.Read(ref _evictedBytes);

    /// <summary>Starts summing; call before the host creates its first pool.</summary>
    public static void Start()
    {
        Listener.InstrumentPublished = static (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name is PooledInstrument or AllocatedInstrument or EvictedInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        Listener.SetMeasurementEventCallback<long>(static (instrument, change, _, _) => Add(instrument, change));
        Listener.SetMeasurementEventCallback<int>(static (instrument, change, _, _) => Add(instrument, change));
        Listener.Start();
    }

    private static void Add(Instrument instrument, long change)
    {
        switch (instrument.Name)
        {
            case PooledInstrument:
                Interlocked.Add(ref _pooledBytes, change);
                break;
            case EvictedInstrument:
                Interlocked.Add(ref _evictedBytes, change);
                break;
            default:
                Interlocked.Add(ref _allocatedBytes, change);
                break;
        }
    }
}
