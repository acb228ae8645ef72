using System.Diagnostics;
using SseGen.FanOut.Server;
using SseGen.LoadTest.Client;
using SseGen.LoadTest.Server;

namespace SseGen.FanOut.Client;

/// <summary>
/// Runs each peer in a fresh server process, one after the other: opens N subscribers, warms up, then measures a
/// fixed-rate phase and an as-fast-as-possible phase, for each subscriber count; or, with <c>--idle</c>, the idle scale.
/// </summary>
internal sealed class FanOutRunner(FanOutOptions options)
{
    // A fan-out subscriber may receive a burst at once; an idle one only heartbeats.
    private const int ReceiveBufferBytes = 4 * 1024;
    private const int IdleReceiveBufferBytes = 512;
    private const int WarmupBurstEvents = 100;

    // File descriptors the driver keeps for itself beside its sockets (runtime, pipes, the stats client).
    private const int ReservedFileDescriptors = 500;

    private static readonly TimeSpan OpenLimit = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan DeliveryLimit = TimeSpan.FromMinutes(2);

    public async Task<FanOutReport> RunAsync(CancellationToken cancellationToken)
    {
        var report = new FanOutReport(options, MachineInfo.LoadAverage(), MachineInfo.Describe());
        var source = new LoopbackSource(options.SourceAddresses);
        KestrelWriteBuffer.PassToServers(options.WriteBufferBytes);
        CheckFileLimit(options.IdleStreams ?? options.SubscriberCounts.Max());
        if (options.IdleStreams is { } streams)
        {
            foreach (string peer in Peers.Idle)
            {
                report.Add(await RunIdleAsync(peer, streams, source, cancellationToken));
            }
        }
        else
        {
            foreach (string peer in options.Peers)
            {
                await RunPeerAsync(peer, source, report, cancellationToken);
            }
        }

        report.LoadAverageAfter = MachineInfo.LoadAverage();
        return report;
    }

    private async Task RunPeerAsync(string peer, LoopbackSource source, FanOutReport report, CancellationToken cancellationToken)
    {
        // A fresh process per peer: what one peer's connections leave behind must not count for the next.
        await using ServerHost server = await ServerHost.StartAsync(cancellationToken);
        await server.CheckSharedClockAsync(cancellationToken);
        long statsBytes = await MeasureStatsAllocationAsync(server, peer, cancellationToken);
        Console.WriteLine($"{Peers.DisplayName(peer)}: server pid {server.Id} on 127.0.0.1:{server.Port}; a /stats call allocates {statsBytes:N0} B there");
        foreach (int subscribers in options.SubscriberCounts)
        {
            await using (SubscriberGroup group = await OpenAsync(server, peer, Peers.SubscribePath(peer), idle: false, subscribers, source, ReceiveBufferBytes, cancellationToken))
            {
                double rate = options.FixedEventsPerSecond(subscribers);

                // Warm-up: both shapes of publish, then a pause for the background tier-1 compilations they queued.
                await RunPhaseAsync(server, group, peer, subscribers, PublishMode.AsFastAsPossible, Math.Min(WarmupBurstEvents, options.BurstEvents(subscribers)), 0, statsBytes, cancellationToken);
                await RunPhaseAsync(server, group, peer, subscribers, PublishMode.FixedRate, (int)Math.Ceiling(rate), rate, statsBytes, cancellationToken);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);

                foreach ((PublishMode mode, int events, double eventsPerSecond) in new[]
                {
                    (PublishMode.FixedRate, options.FixedEvents(subscribers), rate),
                    (PublishMode.AsFastAsPossible, options.BurstEvents(subscribers), 0.0),
                })
                {
                    FanOutSample sample = await RunPhaseAsync(server, group, peer, subscribers, mode, events, eventsPerSecond, statsBytes, cancellationToken);
                    report.Add(sample);
                    Console.WriteLine(
                        $"{Peers.DisplayName(peer),-22} {subscribers,6:N0} subs {FanOutReport.ModeName(mode),-20}: {sample.DeliveriesPerSecond,12:N0} deliveries/s, " +
                        $"server {sample.ServerCpuMicrosecondsPerDelivery:F2} µs ({sample.ServerKernelShare:P0} kernel) and {sample.AllocatedBytesPerDelivery:F2} B per delivery, " +
                        $"p50 {sample.LatencyP50Milliseconds:F2} ms p99 {sample.LatencyP99Milliseconds:F2} ms, publish loop {sample.PublishSeconds:F2} s");
                }
            }

            // Every subscriber gone before the next count, so the server's count says when all of those are in.
            await server.WaitForSubscribersAsync(peer, idle: false, 0, OpenLimit, Task.CompletedTask, cancellationToken);
        }
    }

    private static async Task<SubscriberGroup> OpenAsync(ServerHost server, string peer, string path, bool idle, int subscribers, LoopbackSource source, int bufferBytes, CancellationToken cancellationToken)
    {
        SubscriberGroup group = await SubscriberGroup.OpenAsync(peer, path, subscribers, server.Port, server.Published + 1, source, bufferBytes, cancellationToken);
        try
        {
            await server.WaitForSubscribersAsync(peer, idle, subscribers, OpenLimit, group.Failed, cancellationToken);
            return group;
        }
        catch
        {
            await group.DisposeAsync();
            throw;
        }
    }

    private static async Task<FanOutSample> RunPhaseAsync(
        ServerHost server, SubscriberGroup group, string peer, int subscribers, PublishMode mode, int events, double rate, long statsBytes, CancellationToken cancellationToken)
    {
        var phase = new DeliveryPhase(server.Published + 1, events, subscribers);
        group.Current = phase;
        ServerStats before = await server.GetStatsAsync(peer, collect: false, idle: false, cancellationToken);
        (TimeSpan userBefore, TimeSpan kernelBefore) = server.CpuTime();
        TimeSpan clientCpuBefore = MachineInfo.OwnCpuTime();
        long start = Stopwatch.GetTimestamp();
        Task<PublishResult> publish = server.PublishAsync(peer, events, rate, cancellationToken);

        Task timeout = Task.Delay(DeliveryLimit + TimeSpan.FromSeconds(events / Math.Max(rate, 1)), cancellationToken);
        Task first = await Task.WhenAny(phase.Done, group.Failed, publish, timeout);
        if (first == publish && publish.IsFaulted)
        {
            await publish;
        }

        first = await Task.WhenAny(phase.Done, group.Failed, timeout);
        if (first == group.Failed)
        {
            await group.Failed;
        }

        if (first != phase.Done)
        {
            throw new TimeoutException($"{Peers.DisplayName(peer)}: {phase.Delivered:N0} of {phase.Expected:N0} deliveries arrived within the limit");
        }

        PublishResult published = await publish;
        (TimeSpan userAfter, TimeSpan kernelAfter) = server.CpuTime();
        TimeSpan serverCpu = userAfter - userBefore + (kernelAfter - kernelBefore);
        TimeSpan clientCpu = MachineInfo.OwnCpuTime() - clientCpuBefore;
        ServerStats after = await server.GetStatsAsync(peer, collect: false, idle: false, cancellationToken);
        group.Current = null;

        long deliveries = phase.Delivered;
        (double p50, double p99) = phase.LatencyPercentiles();
        return new FanOutSample(
            peer,
            subscribers,
            mode,
            events,
            rate,
            deliveries,
            phase.Expected,
            Stopwatch.GetElapsedTime(start, phase.CompletedAt).TotalSeconds,
            serverCpu.TotalMicroseconds / deliveries,
            serverCpu > TimeSpan.Zero ? (kernelAfter - kernelBefore) / serverCpu : 0,
            (double)(after.AllocatedBytes - before.AllocatedBytes - statsBytes) / deliveries,
            p50,
            p99,
            clientCpu.TotalMicroseconds / deliveries,
            published.Seconds,
            (double)(after.PoolAllocatedBytes - before.PoolAllocatedBytes) / deliveries);
    }

    private async Task<IdleSample> RunIdleAsync(string peer, int streams, LoopbackSource source, CancellationToken cancellationToken)
    {
        await using ServerHost server = await ServerHost.StartAsync(cancellationToken);
        Console.WriteLine($"idle {Peers.DisplayName(peer)}: server pid {server.Id} on 127.0.0.1:{server.Port}");

        // One stream first, so code paths and pools the first stream sets up are not counted per stream.
        await using (await OpenAsync(server, peer, Peers.IdlePath(peer), idle: true, 1, source, IdleReceiveBufferBytes, cancellationToken))
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken);
        }

        await server.WaitForSubscribersAsync(peer, idle: true, 0, OpenLimit, Task.CompletedTask, cancellationToken);
        ServerStats before = await server.GetStatsAsync(peer, collect: true, idle: true, cancellationToken);
        ServerStats held;
        double heartbeats;
        await using (SubscriberGroup group = await OpenAsync(server, peer, Peers.IdlePath(peer), idle: true, streams, source, IdleReceiveBufferBytes, cancellationToken))
        {
            Console.WriteLine($"idle {Peers.DisplayName(peer)}: {streams:N0} streams open, holding {options.IdleHold.TotalSeconds:F0} s");
            long commentsBefore = group.Subscribers.Sum(s => s.Receiver.Comments);
            Task hold = Task.Delay(options.IdleHold, cancellationToken);
            if (await Task.WhenAny(hold, group.Failed) == group.Failed)
            {
                await group.Failed;
            }

            heartbeats = (double)(group.Subscribers.Sum(s => s.Receiver.Comments) - commentsBefore) / streams;
            held = await server.GetStatsAsync(peer, collect: true, idle: true, cancellationToken);
        }

        var sample = new IdleSample(
            peer,
            streams,
            (double)(held.ManagedHeapBytes - before.ManagedHeapBytes) / streams,
            (double)(held.PooledBytes - before.PooledBytes) / streams,
            (double)(Rented(held) - Rented(before)) / streams,
            (double)(held.WorkingSetBytes - before.WorkingSetBytes) / streams,
            heartbeats,
            options.IdleHold);
        Console.WriteLine($"idle {Peers.DisplayName(peer)}: heap {sample.HeapBytesPerStream / 1024:F2} KB/stream ({sample.PooledBytesPerStream / 1024:F2} KB of it Kestrel's idle pool blocks, {sample.RentedBytesPerStream / 1024:F2} KB its blocks in flight), working set {sample.WorkingSetBytesPerStream / 1024:F2} KB/stream, {heartbeats:F1} heartbeats/stream");
        return sample;
    }

    // The pool's blocks rented out now: what it owns (allocated less evicted) less what it holds unrented.
    private static long Rented(ServerStats stats) => stats.PoolAllocatedBytes - stats.PoolEvictedBytes - stats.PooledBytes;

    /// <summary>What one /stats request allocates in the server: the median over a few back-to-back calls.</summary>
    private static async Task<long> MeasureStatsAllocationAsync(ServerHost server, string peer, CancellationToken cancellationToken)
    {
        var deltas = new List<long>();
        long previous = (await server.GetStatsAsync(peer, collect: false, idle: false, cancellationToken)).AllocatedBytes;
        for (int i = 0; i < 9; i++)
        {
            long current = (await server.GetStatsAsync(peer, collect: false, idle: false, cancellationToken)).AllocatedBytes;
            deltas.Add(current - previous);
            previous = current;
        }

        return deltas.Order().ElementAt(deltas.Count / 2);
    }

    private static void CheckFileLimit(int sockets)
    {
        long limit = MachineInfo.OpenFileLimit();
        if (limit - ReservedFileDescriptors < sockets)
        {
            throw new InvalidOperationException($"RLIMIT_NOFILE is {limit:N0}: too few for {sockets:N0} sockets in one process (keep {ReservedFileDescriptors} spare)");
        }
    }
}
