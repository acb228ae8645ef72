using System.Globalization;
using System.Text;
using SseGen.LoadTest.Server;

namespace SseGen.LoadTest.Client;

/// <summary>Every sample of a run, reduced to medians in one Markdown report with the targets beside them.</summary>
internal sealed class LoadReport(LoadTestOptions options, string loadAverageBefore)
{
    private const double SpeedTarget = 2.5;
    private const double CpuTarget = 0.35;
    private const double HeapPerConnectionTarget = 4 * 1024;

    // Per-connection setup spread over a run's events; below this an event allocates nothing of its own.
    private const double ZeroAllocationTolerance = 0.5;

    private readonly Dictionary<(string Scenario, string Peer), List<ThroughputSample>> _throughput = [];
    private readonly Dictionary<string, List<IdleSample>> _idle = [];
    private readonly Dictionary<string, List<ClientSample>> _clients = [];

    public List<string> Notes { get; } = [];

    public int IdleConnections { get; set; }

    public string LoadAverageAfter { get; set; } = "unknown";

    public void Add(ThroughputScenario scenario, string peer, ThroughputSample sample) =>
        Samples(_throughput, (scenario.Name, peer)).Add(sample);

    public void Add(string peer, IdleSample sample) => Samples(_idle, peer).Add(sample);

    public void Add(string client, ClientSample sample) => Samples(_clients, client).Add(sample);

    public string ToMarkdown(string command)
    {
        var md = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        md.AppendLine(invariant, $"## SseGen end-to-end load test{(options.Quick ? " (--quick: smoke counts, not figures)" : "")}");
        md.AppendLine();
        md.AppendLine(invariant, $"- Command: `{command}`");
        md.AppendLine(invariant, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; medians of {options.ThroughputRounds} throughput and {options.IdleRounds} idle round(s); peers alternate within each round, order rotated per round");
        md.AppendLine(invariant, $"- Machine: {MachineInfo.Describe()}; server and client share it");
        md.AppendLine(invariant, $"- Load average (1/5/15 min) before: {loadAverageBefore}; after: {LoadAverageAfter}");
        md.AppendLine(invariant, $"- {KestrelWriteBuffer.Describe(options.WriteBufferBytes)}");
        foreach (string note in Notes)
        {
            md.AppendLine(invariant, $"- {note}");
        }

        AppendThroughput(md);
        AppendClients(md);
        AppendIdle(md);
        md.AppendLine();
        AppendTargets(md);
        return md.ToString();
    }

    private void AppendThroughput(StringBuilder md)
    {
        if (_throughput.Count == 0)
        {
            return;
        }

        var invariant = CultureInfo.InvariantCulture;
        md.AppendLine();
        md.AppendLine("### Throughput (items ready at once, JSON `Tick` events, `event: tick`)");
        md.AppendLine();
        md.AppendLine("| Scenario | Peer | events/s | vs TypedResults | server CPU s / 1M events | vs TypedResults | of which kernel | server B allocated / event | client CPU s / 1M events |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (ThroughputScenario scenario in options.ThroughputScenarios)
        {
            ThroughputSample? baseline = Median(scenario, PeerRoutes.TypedResults);
            foreach (string peer in PeerRoutes.All)
            {
                if (Median(scenario, peer) is not { } median)
                {
                    continue;
                }

                md.AppendLine(invariant,
                    $"| {scenario.Title} | {PeerRoutes.DisplayName(peer)} | {median.EventsPerSecond:N0} | {Ratio(median.EventsPerSecond, baseline?.EventsPerSecond)} " +
                    $"| {median.ServerCpuSecondsPerMillion:F3} | {Ratio(median.ServerCpuSecondsPerMillion, baseline?.ServerCpuSecondsPerMillion)} | {median.ServerKernelShare:P0} " +
                    $"| {median.AllocatedBytesPerEvent:F2} | {median.ClientCpuSecondsPerMillion:F3} |");
            }
        }
    }

    private void AppendIdle(StringBuilder md)
    {
        if (_idle.Count == 0)
        {
            return;
        }

        var invariant = CultureInfo.InvariantCulture;
        md.AppendLine();
        md.AppendLine(invariant, $"### Idle streams ({IdleConnections:N0} connections, no events, held {options.IdleHold.TotalSeconds:F0} s, heartbeat configured every 1 s)");
        md.AppendLine();
        md.AppendLine("| Peer | Heartbeat | managed heap / connection | working set / connection | heartbeat interval median | heartbeat interval p99 | server CPU s over the hold |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (string peer in PeerRoutes.IdlePeers)
        {
            if (!_idle.TryGetValue(peer, out List<IdleSample>? samples))
            {
                continue;
            }

            List<double> intervals = samples.SelectMany(s => s.HeartbeatIntervalsMs).Order().ToList();
            string median = intervals.Count == 0 ? "n/a" : $"{Percentile(intervals, 0.50):F0} ms";
            string p99 = intervals.Count == 0 ? "n/a" : $"{Percentile(intervals, 0.99):F0} ms";
            md.AppendLine(invariant,
                $"| {PeerRoutes.DisplayName(peer)} | {PeerRoutes.HeartbeatSource(peer)} | {Median(samples.Select(s => s.HeapBytesPerConnection)) / 1024:F2} KB " +
                $"| {Median(samples.Select(s => s.WorkingSetBytesPerConnection)) / 1024:F2} KB | {median} | {p99} | {Median(samples.Select(s => s.ServerCpuSeconds)):F2} |");
        }

        md.AppendLine();
        md.AppendLine("Each idle run has a fresh server process, warmed by one idle stream; heap and working set per connection are its deltas from before the connections opened to the end of the hold, after a forced full compacting GC, divided by the connection count. Heartbeat intervals are the gaps between consecutive heartbeats on one connection as the client saw them, pooled over all connections and rounds.");
    }

    private void AppendClients(StringBuilder md)
    {
        if (_clients.Count == 0)
        {
            return;
        }

        var invariant = CultureInfo.InvariantCulture;
        ClientSample? baseline = ClientMedian(ClientReaders.HandWritten);
        md.AppendLine();
        md.AppendLine(invariant, $"### Client throughput (1 × {options.ClientEvents:N0} JSON `Tick` events from the SseGen endpoint, read in the client process)");
        md.AppendLine();
        md.AppendLine("| Client | events/s | vs hand-written | client CPU s / 1M events | vs hand-written | client B allocated / event | what it is |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (string client in ClientReaders.All.Append(ClientReaders.ItemAlone))
        {
            if (ClientMedian(client) is not { } median)
            {
                continue;
            }

            bool stream = client != ClientReaders.ItemAlone;
            md.AppendLine(invariant,
                $"| {client} | {(stream ? median.EventsPerSecond.ToString("N0", invariant) : "n/a (no stream)")} | {(stream ? Ratio(median.EventsPerSecond, baseline?.EventsPerSecond) : "n/a")} " +
                $"| {median.ClientCpuSecondsPerMillion:F3} | {Ratio(median.ClientCpuSecondsPerMillion, baseline?.ClientCpuSecondsPerMillion)} " +
                $"| {median.AllocatedBytesPerEvent:F2} | {ClientReaders.Describe(client)} |");
        }

        md.AppendLine();
        md.AppendLine("Both clients read the same stream over one `HttpClient` kept for the whole run; allocations are `GC.GetTotalAllocatedBytes(precise: true)` deltas of the client process around each read (the item alone: `GC.GetAllocatedBytesForCurrentThread` around its loop), divided by the events read; each read checks it got every tick once.");
    }

    private void AppendTargets(StringBuilder md)
    {
        var invariant = CultureInfo.InvariantCulture;
        md.AppendLine("### Targets");
        md.AppendLine();
        md.AppendLine("| Target | Measured | Met |");
        md.AppendLine("|---|---|---|");
        foreach (ThroughputScenario scenario in options.ThroughputScenarios)
        {
            if (Median(scenario, PeerRoutes.SseGen) is not { } ours || Median(scenario, PeerRoutes.TypedResults) is not { } theirs)
            {
                continue;
            }

            double speed = ours.EventsPerSecond / theirs.EventsPerSecond;
            double cpu = ours.ServerCpuSecondsPerMillion / theirs.ServerCpuSecondsPerMillion;
            md.AppendLine(invariant, $"| {scenario.Title}: events/s ≥ {SpeedTarget}× TypedResults | {speed:F2}× | {YesNo(speed >= SpeedTarget)} |");
            md.AppendLine(invariant, $"| {scenario.Title}: server CPU / event ≤ {CpuTarget}× TypedResults | {cpu:F2}× | {YesNo(cpu <= CpuTarget)} |");
            md.AppendLine(invariant, $"| {scenario.Title}: 0 B allocated / event (≤ {ZeroAllocationTolerance} B: per-stream setup spread over the events) | {ours.AllocatedBytesPerEvent:F2} B | {YesNo(ours.AllocatedBytesPerEvent <= ZeroAllocationTolerance)} |");
        }

        if (ClientMedian(ClientReaders.Generated) is { } generated && ClientMedian(ClientReaders.HandWritten) is { } handWritten && ClientMedian(ClientReaders.ItemAlone) is { } item)
        {
            double speed = generated.EventsPerSecond / handWritten.EventsPerSecond;
            double beyondItem = generated.AllocatedBytesPerEvent - item.AllocatedBytesPerEvent;
            md.AppendLine(invariant, $"| Client: generated client events/s ≥ the hand-written loop's | {speed:F2}× | {YesNo(speed >= 1)} |");
            double beyondHandWritten = generated.AllocatedBytesPerEvent - handWritten.AllocatedBytesPerEvent;
            md.AppendLine(invariant, $"| Client: generated client allocates no more per event than the hand-written loop (≤ {ZeroAllocationTolerance} B over its {handWritten.AllocatedBytesPerEvent:F2} B) | {generated.AllocatedBytesPerEvent:F2} B ({beyondHandWritten:+0.00;-0.00} B) | {YesNo(beyondHandWritten <= ZeroAllocationTolerance)} |");
            md.AppendLine(invariant, $"| Client: no allocation per event beyond the item itself (≤ {ZeroAllocationTolerance} B over the item alone's {item.AllocatedBytesPerEvent:F2} B) | {generated.AllocatedBytesPerEvent:F2} B ({beyondItem:+0.00;-0.00} B) | {YesNo(beyondItem <= ZeroAllocationTolerance)} |");
        }

        if (_idle.TryGetValue(PeerRoutes.SseGen, out List<IdleSample>? idle))
        {
            double heap = Median(idle.Select(s => s.HeapBytesPerConnection));
            string scale = IdleConnections < 10_000 ? $" (measured at {IdleConnections:N0})" : "";
            md.AppendLine(invariant, $"| 10,000 idle streams with heartbeats ≤ 4 KB managed heap / connection{scale} | {heap / 1024:F2} KB | {YesNo(heap <= HeapPerConnectionTarget)} |");
        }
    }

    private ThroughputSample? Median(ThroughputScenario scenario, string peer) =>
        _throughput.TryGetValue((scenario.Name, peer), out List<ThroughputSample>? samples)
            ? new ThroughputSample(
                Median(samples.Select(s => s.EventsPerSecond)),
                Median(samples.Select(s => s.ServerCpuSecondsPerMillion)),
                Median(samples.Select(s => s.ServerKernelShare)),
                Median(samples.Select(s => s.AllocatedBytesPerEvent)),
                Median(samples.Select(s => s.ClientCpuSecondsPerMillion)))
            : null;

    private ClientSample? ClientMedian(string client) =>
        _clients.TryGetValue(client, out List<ClientSample>? samples)
            ? new ClientSample(
                Median(samples.Select(s => s.EventsPerSecond)),
                Median(samples.Select(s => s.ClientCpuSecondsPerMillion)),
                Median(samples.Select(s => s.AllocatedBytesPerEvent)))
            : null;

    private static double Median(IEnumerable<double> values) => Percentile(values.Order().ToList(), 0.5);

    /// <summary>Nearest-rank percentile of sorted values; the median of an even count is the mean of the middle two.</summary>
    private static double Percentile(List<double> sorted, double fraction)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        if (fraction == 0.5 && sorted.Count % 2 == 0)
        {
            return (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }

        int rank = (int)Math.Ceiling(fraction * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static string Ratio(double value, double? baseline) =>
        baseline is > 0 ? string.Create(CultureInfo.InvariantCulture, $"{value / baseline.Value:F2}×") : "n/a";

    private static string YesNo(bool met) => met ? "yes" : "**no**";

    private static List<T> Samples<TKey, T>(Dictionary<TKey, List<T>> samples, TKey key)
        where TKey : notnull
    {
        if (!samples.TryGetValue(key, out List<T>? list))
        {
            samples[key] = list = [];
        }

        return list;
    }
}
