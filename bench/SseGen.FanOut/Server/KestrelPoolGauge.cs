using System.Diagnostics.Metrics;

namespace SseGen.FanOut.Server;

/// <summary>
/// The bytes Kestrel's memory pool holds unrented: blocks a burst of connections once needed, which the pool keeps and
/// evicts at its own pace (faster with no traffic than with a trickle of heartbeats). They belong to no stream, so the
/// idle scale reports them apart from what each stream holds.
/// </summary>
/// <remarks>
/// Read from ASP.NET Core's own <c>aspnetcore.memory_pool.pooled</c> up-down counter. It publishes changes, not a level,
/// so the listener starts before the host is built and sums every change from the pool's first block.
/// </remarks>
internal static class KestrelPoolGauge
{
    private const string MeterName = "Microsoft.AspNetCore.MemoryPool";
    private const string PooledInstrument = "aspnetcore.memory_pool.pooled";

    private static readonly MeterListener Listener = new();
    private static long _pooledBytes;

    public static long PooledBytes => Interlocked.Read(ref _pooledBytes);

    /// <summary>Starts summing; call before the host creates its first pool.</summary>
    public static void Start()
    {
        Listener.InstrumentPublished = static (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name == PooledInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        Listener.SetMeasurementEventCallback<long>(static (_, change, _, _) => Interlocked.Add(ref _pooledBytes, change));
        Listener.SetMeasurementEventCallback<int>(static (_, change, _, _) => Interlocked.Add(ref _pooledBytes, change));
        Listener.Start();
    }
}
