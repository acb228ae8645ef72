namespace SseGen.LoadTest.Client;

/// <summary>One measured throughput run of one peer.</summary>
internal sealed record ThroughputSample(double EventsPerSecond, double ServerCpuSecondsPerMillion, double ServerKernelShare, double AllocatedBytesPerEvent, double ClientCpuSecondsPerMillion);

/// <summary>One measured idle run of one peer: costs per open connection and the heartbeat intervals the client saw.</summary>
internal sealed record IdleSample(
    int Connections,
    double HeapBytesPerConnection,
    double WorkingSetBytesPerConnection,
    double ServerCpuSeconds,
    IReadOnlyList<double> HeartbeatIntervalsMs);

/// <summary>One measured run of one client reading the server's stream: its speed, and its own CPU and allocations.</summary>
internal sealed record ClientSample(double EventsPerSecond, double ClientCpuSecondsPerMillion, double AllocatedBytesPerEvent);
