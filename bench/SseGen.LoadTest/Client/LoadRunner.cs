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

    // File descriptors the client keeps for itself beside the idle sockets (runtime, pipes, the stats client).
    private const int ReservedFileDescriptors = 1_000;

    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(5);

    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken)
    {
        var report = new LoadReport(options, MachineInfo.LoadAverage());
        report.IdleConnections = ScaleIdleConnections(options.IdleConnections, report.Notes);

        await using ServerProcess server = await ServerProcess.StartAsync(cancellationToken);
        Console.WriteLine($"server pid {server.Id} on 127.0.0.1:{server.Port}");

        foreach (string peer in PeerRoutes.All)
        {
            Console.WriteLine($"warm-up {PeerRoutes.DisplayName(peer)}: 1 × {options.WarmupEvents:N0} events");
            await RunThroughputAsync(server, peer, new ThroughputScenario("warm-up", 1, options.WarmupEvents), cancellationToken);
        }

        foreach (ThroughputScenario scenario in options.ThroughputScenarios)
        {
            for (int round = 0; round < options.Rounds; round++)
            {
                foreach (string peer in InRoundOrder(round))
                {
                    ThroughputSample sample = await RunThroughputAsync(server, peer, scenario, cancellationToken);
                    report.Add(scenario, peer, sample);
                    Console.WriteLine(
                        $"{scenario.Title} round {round + 1}/{options.Rounds} {PeerRoutes.DisplayName(peer),-12}: " +
                        $"{sample.EventsPerSecond,12:N0} events/s, server CPU {sample.ServerCpuSecondsPerMillion:F3} s/1M, " +
                        $"{sample.AllocatedBytesPerEvent:F2} B/event, client CPU {sample.ClientCpuSecondsPerMillion:F3} s/1M");
                }
            }
        }

        for (int round = 0; round < options.Rounds; round++)
        {
            foreach (string peer in InRoundOrder(round))
            {
                IdleSample sample = await RunIdleAsync(server, peer, report.IdleConnections, cancellationToken);
                report.Add(peer, sample);
                Console.WriteLine(
                    $"idle {sample.Connections:N0} × {options.IdleHold.TotalSeconds:F0} s round {round + 1}/{options.Rounds} {PeerRoutes.DisplayName(peer),-12}: " +
                    $"heap {sample.HeapBytesPerConnection / 1024:F2} KB/conn, working set {sample.WorkingSetBytesPerConnection / 1024:F2} KB/conn, " +
                    $"{sample.HeartbeatIntervalsMs.Count:N0} heartbeat intervals");
            }
        }

        report.LoadAverageAfter = MachineInfo.LoadAverage();
        return report;
    }

    /// <summary>Rotates the peers each round, so none always runs first on a cold or last on a hot machine.</summary>
    private static IEnumerable<string> InRoundOrder(int round) =>
        Enumerable.Range(0, PeerRoutes.All.Count).Select(i => PeerRoutes.All[(i + round) % PeerRoutes.All.Count]);

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

    private static async Task<ThroughputSample> RunThroughputAsync(ServerProcess server, string peer, ThroughputScenario scenario, CancellationToken cancellationToken)
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
            (double)(after.AllocatedBytes - before.AllocatedBytes) / scenario.TotalEvents,
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

    private async Task<IdleSample> RunIdleAsync(ServerProcess server, string peer, int count, CancellationToken cancellationToken)
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
                frameTimes[i] = new List<long>(capacity: (int)options.IdleHold.TotalSeconds + 16);
                connections[i] = new SseConnection(IdleReceiveBufferBytes, frameTimes[i]);
                await connections[i].SendRequestAsync(server.Port, PeerRoutes.Idle(peer), token);
                readers[i] = connections[i].ReadToEndAsync(holdEnd.Token);
            });
            await server.WaitForActiveStreamsAsync(count, TimeSpan.FromSeconds(60), cancellationToken);

            holdStart = await server.GetStatsAsync(collect: false, cancellationToken);
            await Task.Delay(options.IdleHold, cancellationToken);
            holdStop = await server.GetStatsAsync(collect: false, cancellationToken);
            held = await server.GetStatsAsync(collect: true, cancellationToken);

            // An idle stream ends only when the client leaves; one that ended already failed.
            if (readers.FirstOrDefault(r => r.IsCompleted) is { } ended)
            {
                await ended;
                throw new InvalidDataException($"{PeerRoutes.Idle(peer)}: an idle stream ended while it should have stayed open");
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
