namespace SseGen.FanOut.Client;

/// <summary>How a phase publishes: at a fixed rate, or each event as soon as the last publish call returned.</summary>
internal enum PublishMode
{
    FixedRate,
    AsFastAsPossible,
}

/// <summary>One measured phase of one peer.</summary>
/// <param name="Peer">The peer's name (<see cref="Peers"/>).</param>
/// <param name="Subscribers">Subscribers fed.</param>
/// <param name="Mode">How the events were published.</param>
/// <param name="Events">Events published.</param>
/// <param name="EventsPerSecond">The fixed rate; 0 for as fast as possible.</param>
/// <param name="Deliveries">Events received by all subscribers; the run fails unless it is subscribers × events.</param>
/// <param name="ExpectedDeliveries">Subscribers × events.</param>
/// <param name="WallSeconds">From the publish request to the last delivery.</param>
/// <param name="ServerCpuMicrosecondsPerDelivery">Server process CPU (user + kernel, <c>/proc/&lt;pid&gt;/stat</c>) over the phase, per delivery.</param>
/// <param name="ServerKernelShare">The kernel's part of that CPU: sockets, and on loopback the receiving side's TCP work too.</param>
/// <param name="AllocatedBytesPerDelivery">Server <c>GC.GetTotalAllocatedBytes(precise: true)</c> delta over the phase, less the stats calls, per delivery.</param>
/// <param name="LatencyP50Milliseconds">Median publish→receive latency over every delivery.</param>
/// <param name="LatencyP99Milliseconds">99th percentile of the same.</param>
/// <param name="ClientCpuMicrosecondsPerDelivery">The driver's own CPU per delivery, to show it shares the machine too.</param>
/// <param name="PublishSeconds">How long the server's publish loop ran.</param>
/// <param name="PoolGrowthBytesPerDelivery">Of <paramref name="AllocatedBytesPerDelivery"/>, what Kestrel's memory pool allocated to grow, per delivery.</param>
internal sealed record FanOutSample(
    string Peer,
    int Subscribers,
    PublishMode Mode,
    int Events,
    double EventsPerSecond,
    long Deliveries,
    long ExpectedDeliveries,
    double WallSeconds,
    double ServerCpuMicrosecondsPerDelivery,
    double ServerKernelShare,
    double AllocatedBytesPerDelivery,
    double LatencyP50Milliseconds,
    double LatencyP99Milliseconds,
    double ClientCpuMicrosecondsPerDelivery,
    double PublishSeconds,
    double PoolGrowthBytesPerDelivery)
{
    public double DeliveriesPerSecond => Deliveries / WallSeconds;
}

/// <summary>One idle-scale run of one peer: what the server holds per open stream, and the heartbeats the driver saw.</summary>
/// <param name="Peer">The peer's name (<see cref="Peers"/>).</param>
/// <param name="Streams">Streams held open at once.</param>
/// <param name="HeapBytesPerStream">The managed heap's growth with the streams open, after a full compacting collection, per stream.</param>
/// <param name="PooledBytesPerStream">The growth of Kestrel's unrented pool blocks over the run, per stream: inside <paramref name="HeapBytesPerStream"/>, held by no stream.</param>
/// <param name="RentedBytesPerStream">
/// The growth of Kestrel's pool blocks rented out at the sample, per stream: inside <paramref name="HeapBytesPerStream"/>,
/// buffers of writes still being sent (an idle stream's heartbeats, which a tick writes for a tenth of the streams at a
/// 1-second interval), held by no stream between its writes.
/// </param>
/// <param name="WorkingSetBytesPerStream">The working set's growth, per stream.</param>
/// <param name="HeartbeatsPerStream">Heartbeat comments each stream's client received while held.</param>
/// <param name="Hold">How long the streams were held open.</param>
internal sealed record IdleSample(string Peer, int Streams, double HeapBytesPerStream, double PooledBytesPerStream, double RentedBytesPerStream, double WorkingSetBytesPerStream, double HeartbeatsPerStream, TimeSpan Hold)
{
    /// <summary>What the open streams themselves hold, per stream: the heap's growth less the pool's blocks, idle or in flight.</summary>
    public double StreamBytesPerStream => HeapBytesPerStream - PooledBytesPerStream - RentedBytesPerStream;

    /// <summary>As <see cref="StreamBytesPerStream"/>, with the pool's blocks in flight counted as the streams'.</summary>
    public double StreamAndInFlightBytesPerStream => HeapBytesPerStream - PooledBytesPerStream;
}
