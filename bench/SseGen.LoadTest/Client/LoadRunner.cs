using System.Diagnostics;
using SseGen.LoadTest.Server;

namespace SseGen.LoadTest.Client;

/// <summary>Starts the server process, loads the three peers alternately round by round, and reports medians.</summary>
internal sealed class LoadRunner(LoadTestOptions options)
{
    private const int ThroughputReceiveBufferBytes = 64 * 1024;

    // Idle streams receive only tiny heartbeats; a small buffer keeps 10,000 of them cheap for the client.
    private const int IdleReceiveBufferBytes = 512;
    private const int ConnectParallelism = 64;
    private const int WarmupPasses = 3;

    // File descriptors the client keeps for itself beside the idle sockets (runtime, pipes, the stats client).
    private const int ReservedFileDescriptors = 1_000;

    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(5);

    private long _statsAllocatedBytes;

    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken)
    {
        var report = new LoadReport(options, MachineInfo.LoadAverage());
        report.IdleConnections = ScaleIdleConnections(options.IdleConnections, report.Notes);
        KestrelWriteBuffer.PassToServers(options.WriteBufferBytes);

        await using (ServerProcess server = await ServerProcess.StartAsync(cancellationToken))
        {
            Console.WriteLine($"server pid {server.Id} on 127.0.0.1:{server.Port} for the throughput and client scenarios");
            if (options.ClientOnly)
            {
                report.Notes.Add("--client-only: the server throughput and idle scenarios did not run.");
            }
            else
            {
                await RunThroughputScenariosAsync(server, report, cancellationToken);
            }

            await new ClientScenarioRunner(options).RunAsync(server.Port, report, cancellationToken);
        }

        for (int round = 0; round < (options.ClientOnly ? 0 : options.IdleRounds); round++)
        {
            foreach (string peer in InRoundOrder(PeerRoutes.IdlePeers, round))
            {
                // A fresh process per idle run: memory one peer's connections leave behind must not count for the next.
                await using ServerProcess server = await ServerProcess.StartAsync(cancellationToken);
                await RunIdleAsync(server, peer, 1, TimeSpan.FromSeconds(1.5), cancellationToken);
                IdleSample sample = await RunIdleAsync(server, peer, report.IdleConnections, options.IdleHold, cancellationToken);
                report.Add(peer, sample);
                Console.WriteLine(
                    $"idle {sample.Connections:N0} × {options.IdleHold.TotalSeconds:F0} s round {round + 1}/{options.IdleRounds} {PeerRoutes.DisplayName(peer),-22} (server pid {server.Id}): " +
                    $"heap {sample.HeapBytesPerConnection / 1024:F2} KB/conn, working set {sample.WorkingSetBytesPerConnection / 1024:F2} KB/conn, " +
                    $"{sample.HeartbeatIntervalsMs.Count:N0} heartbeat intervals");
            }
        }

        report.LoadAverageAfter = MachineInfo.LoadAverage();
        return report;
    }

    private async Task RunThroughputScenariosAsync(ServerProcess server, LoadReport report, CancellationToken cancellationToken)
    {
        _statsAllocatedBytes = await MeasureStatsAllocationAsync(server, cancellationToken);
        report.Notes.Add($"A /stats call allocates {_statsAllocatedBytes:N0} B in the server; subtracted from each run's allocation delta.");

        // Several streams of each shape per peer: one long stream calls its loop's method too few times to tier up,
        // and a first measured round still running tier-0 code was 4× slower than the next in a trial run.
        var warmups = new[] { new ThroughputScenario("warm-up", 1, options.WarmupEvents), new ThroughputScenario("warm-up", options.Many.Connections, options.WarmupEvents / 10) };
        for (int pass = 0; pass < WarmupPasses; pass++)
        {
            foreach (string peer in PeerRoutes.All)
            {
                Console.WriteLine($"warm-up {pass + 1}/{WarmupPasses} {PeerRoutes.DisplayName(peer)}");
                foreach (ThroughputScenario warmup in warmups)
                {
                    await RunThroughputAsync(server, peer, warmup, cancellationToken);
                }
            }
        }

        // Lets the background tier-1 compilations queued by the warm-up finish before anything is measured.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);

        foreach (ThroughputScenario scenario in options.ThroughputScenarios)
        {
            for (int round = 0; round < options.ThroughputRounds; round++)
            {
                foreach (string peer in InRoundOrder(PeerRoutes.All, round))
                {
                    ThroughputSample sample = await RunThroughputAsync(server, peer, scenario, cancellationToken);
                    report.Add(scenario, peer, sample);
                    Console.WriteLine(
                        $"{scenario.Title} round {round + 1}/{options.ThroughputRounds} {PeerRoutes.DisplayName(peer),-12}: " +
                        $"{sample.EventsPerSecond,12:N0} events/s, server CPU {sample.ServerCpuSecondsPerMillion:F3} s/1M ({sample.ServerKernelShare:P0} kernel), " +
                        $"{sample.AllocatedBytesPerEvent:F2} B/event, client CPU {sample.ClientCpuSecondsPerMillion:F3} s/1M");
                }
            }
        }
    }

    /// <summary>Rotates the peers each round, so none always runs first on a cold or last on a hot machine.</summary>
    private static IEnumerable<string> InRoundOrder(IReadOnlyList<string> peers, int round) =>
        Enumerable.Range(0, peers.Count).Select(i => peers[(i + round) % peers.Count]);

    private static int ScaleIdleConnections(int wanted, List<string> notes)
    {
        long limit = MachineInfo.OpenFileLimit();
        long affordable = limit - ReservedFileDescriptors;
        if (affordable >= wanted)
        {
            notes.Add($"RLIMIT_NOFILE is {limit:N0}: enough for {wanted:N0} idle connections per process.");
            return wanted;
        }

        int scaled = (int)Math.Max(10, affordable);
        notes.Add($"RLIMIT_NOFILE is {limit:N0} (cannot be raised from inside): idle scenario scaled down from {wanted:N0} to {scaled:N0} connections.");
        Console.WriteLine($"note: {notes[^1]}");
        return scaled;
    }

    /// <summary>What one /stats request allocates in the server: the median over a few back-to-back calls.</summary>
    private static async Task<long> MeasureStatsAllocationAsync(ServerProcess server, CancellationToken cancellationToken)
    {
        var deltas = new List<long>();
        long previous = (await server.GetStatsAsync(collect: false, cancellationToken)).AllocatedBytes;
        for (int i = 0; i < 9; i++)
        {
            long current = (await server.GetStatsAsync(collect: false, cancellationToken)).AllocatedBytes;
            deltas.Add(current - previous);
            previous = current;
        }

        return deltas.Order().ElementAt(deltas.Count / 2);
    }

    private async Task<ThroughputSample> RunThroughputAsync(ServerProcess server, string peer, ThroughputScenario scenario, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(RunLimit);
        string path = $"{PeerRoutes.Ticks(peer)}?count={scenario.EventsPerConnection}";

        ServerStats before = await server.GetStatsAsync(collect: false, limit.Token);
        TimeSpan clientCpuBefore = MachineInfo.OwnCpuTime();
        var clock = Stopwatch.StartNew();
        Task[] readers = new Task[scenario.Connections];
        for (int i = 0; i < readers.Length; i++)
        {
            readers[i] = Task.Run(() => ReadEventsAsync(server.Port, path, scenario.EventsPerConnection, limit.Token), limit.Token);
        }

        await Task.WhenAll(readers);
        TimeSpan elapsed = clock.Elapsed;
        TimeSpan clientCpu = MachineInfo.OwnCpuTime() - clientCpuBefore;
        ServerStats after = await server.GetStatsAsync(collect: false, limit.Token);

        double millions = scenario.TotalEvents / 1e6;
        return new ThroughputSample(
            scenario.TotalEvents / elapsed.TotalSeconds,
            (after.CpuSeconds - before.CpuSeconds) / millions,
            (after.KernelCpuSeconds - before.KernelCpuSeconds) / (after.CpuSeconds - before.CpuSeconds),
            (double)(after.AllocatedBytes - before.AllocatedBytes - _statsAllocatedBytes) / scenario.TotalEvents,
            clientCpu.TotalSeconds / millions);
    }

    private static async Task ReadEventsAsync(int port, string path, int expectedEvents, CancellationToken cancellationToken)
    {
        using var connection = new SseConnection(ThroughputReceiveBufferBytes);
        await connection.SendRequestAsync(port, path, cancellationToken);
        await connection.ReadToEndAsync(cancellationToken);
        if (connection.Frames != expectedEvents)
        {
            throw new InvalidDataException($"{path}: expected {expectedEvents} events, counted {connection.Frames}");
        }
    }

    private static async Task<IdleSample> RunIdleAsync(ServerProcess server, string peer, int count, TimeSpan hold, CancellationToken cancellationToken)
    {
        ServerStats before = await server.GetStatsAsync(collect: true, cancellationToken);
        var connections = new SseConnection[count];
        var frameTimes = new List<long>[count];
        var readers = new Task[count];
        using var holdEnd = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ServerStats holdStart, holdStop, held;
        try
        {
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism, CancellationToken = cancellationToken }, async (i, token) =>
            {
                frameTimes[i] = new List<long>(capacity: (int)hold.TotalSeconds + 16);
                connections[i] = new SseConnection(IdleReceiveBufferBytes, frameTimes[i]);
                await connections[i].SendRequestAsync(server.Port, PeerRoutes.IdlePath(peer), token);
                readers[i] = connections[i].ReadToEndAsync(holdEnd.Token);
            });
            await server.WaitForActiveStreamsAsync(count, TimeSpan.FromSeconds(60), cancellationToken);
            if (count > 1)
            {
                Console.WriteLine($"idle {PeerRoutes.DisplayName(peer)}: {count:N0} streams open, holding {hold.TotalSeconds:F0} s");
            }


            holdStart = await server.GetStatsAsync(collect: false, cancellationToken);
            await Task.Delay(hold, cancellationToken);
            holdStop = await server.GetStatsAsync(collect: false, cancellationToken);
            held = await server.GetStatsAsync(collect: true, cancellationToken);

            // An idle stream ends only when the client leaves; one that ended already failed.
            if (readers.FirstOrDefault(r => r.IsCompleted) is { } ended)
            {
                await ended;
                throw new InvalidDataException($"{PeerRoutes.IdlePath(peer)}: an idle stream ended while it should have stayed open");
            }
        }
        finally
        {
            await holdEnd.CancelAsync();
            foreach (SseConnection? connection in connections)
            {
                connection?.Abort();
            }

            foreach (Task? reader in readers)
            {
                try
                {
                    if (reader is not null)
                    {
                        await reader;
                    }
                }
                catch (Exception exception) when (exception is OperationCanceledException or System.Net.Sockets.SocketException or ObjectDisposedException)
                {
                    // The client ended the stream: the way every idle run ends.
                }
            }

            await server.WaitForActiveStreamsAsync(0, TimeSpan.FromSeconds(60), CancellationToken.None);
        }

        // Read only now: until every reader has ended, the lists are still being written.
        return new IdleSample(
            count,
            (double)(held.ManagedHeapBytes - before.ManagedHeapBytes) / count,
            (double)(held.WorkingSetBytes - before.WorkingSetBytes) / count,
            holdStop.CpuSeconds - holdStart.CpuSeconds,
            HeartbeatIntervals(frameTimes));
    }

    private static List<double> HeartbeatIntervals(List<long>[] frameTimes)
    {
        var intervals = new List<double>();
        foreach (List<long> times in frameTimes)
        {
            for (int i = 1; i < times.Count; i++)
            {
                intervals.Add(Stopwatch.GetElapsedTime(times[i - 1], times[i]).TotalMilliseconds);
            }
        }

        return intervals;
    }
}
