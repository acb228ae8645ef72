namespace SseGen.LoadTest.Server;

/// <summary>What the server process reports of itself; the client takes deltas around each measured run.</summary>
/// <param name="CpuSeconds">The server process's total processor time.</param>
/// <param name="KernelCpuSeconds">The part of it spent in the kernel (sockets, on loopback also the receiving side's TCP work).</param>
/// <param name="AllocatedBytes">Managed bytes allocated by all threads since the process started.</param>
/// <param name="WorkingSetBytes">The server process's working set.</param>
/// <param name="ManagedHeapBytes">The managed heap size, after a full collection when the request asked for one.</param>
/// <param name="ActiveStreams">Stream requests currently inside an endpoint.</param>
internal sealed record ServerStats(double CpuSeconds, double KernelCpuSeconds, long AllocatedBytes, long WorkingSetBytes, long ManagedHeapBytes, int ActiveStreams);
