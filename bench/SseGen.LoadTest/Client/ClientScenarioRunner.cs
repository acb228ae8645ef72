using System.Diagnostics;
using System.Text.Json;
using SseGen.Client;

namespace SseGen.LoadTest.Client;

/// <summary>
/// The client scenario: one fast SseGen stream of JSON ticks, read in this process by the generated client and by the
/// hand-written loop, alternately, order rotated per round; each run's events/s, this process's CPU and its allocated
/// bytes per event. Beside them, what deserializing one event's data costs on its own: the item itself.
/// </summary>
internal sealed class ClientScenarioRunner(LoadTestOptions options)
{
    private const int WarmupPasses = 3;
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(5);

    public async Task RunAsync(int serverPort, LoadReport report, CancellationToken cancellationToken)
    {
        // One HttpClient and one SseClient for every run, as an application keeps them: setup is not measured.
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{serverPort}/"), Timeout = Timeout.InfiniteTimeSpan };
        IClientFeeds feeds = ClientFeedsClient.Create(new SseClient(http));

        for (int pass = 0; pass < WarmupPasses; pass++)
        {
            foreach (string client in ClientReaders.All)
            {
                Console.WriteLine($"client warm-up {pass + 1}/{WarmupPasses} {client}");
                await RunAsync(client, feeds, http, options.WarmupEvents, cancellationToken);
            }
        }

        // As in the server scenarios: lets the tier-1 compilations the warm-up queued finish first.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);

        for (int round = 0; round < options.ThroughputRounds; round++)
        {
            for (int i = 0; i < ClientReaders.All.Count; i++)
            {
                string client = ClientReaders.All[(i + round) % ClientReaders.All.Count];
                ClientSample sample = await RunAsync(client, feeds, http, options.ClientEvents, cancellationToken);
                report.Add(client, sample);
                Console.WriteLine(
                    $"client 1 × {options.ClientEvents:N0} events round {round + 1}/{options.ThroughputRounds} {client,-18}: " +
                    $"{sample.EventsPerSecond,12:N0} events/s, client CPU {sample.ClientCpuSecondsPerMillion:F3} s/1M, {sample.AllocatedBytesPerEvent:F2} B/event");
            }

            report.Add(ClientReaders.ItemAlone, MeasureItemAlone(options.ClientEvents));
        }
    }

    private static async Task<ClientSample> RunAsync(string client, IClientFeeds feeds, HttpClient http, int count, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(RunLimit);

        // Every thread's allocations, not this one's: the reads continue on thread-pool threads. Nothing else runs
        // in this process meanwhile (the server's output forwarder waits on its pipe), so the delta is the client's.
        TimeSpan cpuBefore = Environment.CpuUsage.TotalTime;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long start = Stopwatch.GetTimestamp();
        StreamRead read = client == ClientReaders.Generated
            ? await ClientReaders.ReadGeneratedAsync(feeds, count, limit.Token)
            : await ClientReaders.ReadHandWrittenAsync(http, count, limit.Token);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        long allocatedAfter = GC.GetTotalAllocatedBytes(precise: true);
        TimeSpan cpu = Environment.CpuUsage.TotalTime - cpuBefore;

        read.Check(client, count);
        return new ClientSample(count / elapsed.TotalSeconds, cpu.TotalSeconds / (count / 1e6), (double)(allocatedAfter - allocatedBefore) / count);
    }

    /// <summary>The floor under both clients: what <see cref="JsonSerializer"/> allocates to turn one event's data into a tick.</summary>
    private static ClientSample MeasureItemAlone(int count)
    {
        byte[] data = ClientReaders.OneTicksData();
        long sum = 0;
        TimeSpan cpuBefore = Environment.CpuUsage.TotalTime;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            sum += JsonSerializer.Deserialize(data, LoadTestJsonContext.Default.Tick).Sequence;
        }

        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        TimeSpan cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        if (sum != 123_456L * count)
        {
            throw new InvalidDataException($"deserializing one tick {count} times summed to {sum}");
        }

        return new ClientSample(count / elapsed.TotalSeconds, cpu.TotalSeconds / (count / 1e6), (double)allocated / count);
    }
}
