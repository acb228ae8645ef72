namespace SseGen.FanOut.Server;

/// <summary>What the server reports of itself; the driver takes deltas around each measured phase.</summary>
/// <param name="AllocatedBytes">Managed bytes allocated by all threads since the process started (<c>GC.GetTotalAllocatedBytes(precise: true)</c>).</param>
/// <param name="ManagedHeapBytes">The managed heap, after a full compacting collection when the request asked for one.</param>
/// <param name="WorkingSetBytes">The process's working set.</param>
/// <param name="PooledBytes">Bytes in Kestrel's memory pool that no one has rented (<see cref="KestrelPoolGauge"/>); part of the managed heap.</param>
/// <param name="PoolAllocatedBytes">Bytes Kestrel's memory pool allocated to grow since the process started; part of <paramref name="AllocatedBytes"/>.</param>
/// <param name="PoolEvictedBytes">Bytes of blocks Kestrel's memory pool evicted since the process started: allocated less evicted is what the pool owns now, rented or not.</param>
/// <param name="Subscribers">Subscribers the asked-for peer feeds now.</param>
/// <param name="Timestamp">The server's <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>, so the driver can check that both processes read one clock.</param>
/// <param name="TimestampFrequency">The server's <see cref="System.Diagnostics.Stopwatch.Frequency"/>.</param>
internal sealed record ServerStats(long AllocatedBytes, long ManagedHeapBytes, long WorkingSetBytes, long PooledBytes, long PoolAllocatedBytes, long PoolEvictedBytes, int Subscribers, long Timestamp, long TimestampFrequency);

/// <summary>What a publish request did: how many events and the sequence of the first.</summary>
internal sealed record PublishResult(long FirstSequence, int Count, double Seconds);
