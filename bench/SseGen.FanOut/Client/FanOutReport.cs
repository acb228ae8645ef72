using System.Globalization;
using System.Text;
using SseGen.LoadTest.Server;

namespace SseGen.FanOut.Client;

/// <summary>The run's samples as Markdown: one table per subscriber count and publish mode, a row per peer.</summary>
internal sealed class FanOutReport(FanOutOptions options, string loadAverageBefore, string machine)
{
    private readonly List<FanOutSample> _samples = [];
    private readonly List<IdleSample> _idle = [];

    public string LoadAverageAfter { get; set; } = "unknown";

    public void Add(FanOutSample sample) => _samples.Add(sample);

    public void Add(IdleSample sample) => _idle.Add(sample);

    public static string ModeName(PublishMode mode) => mode == PublishMode.FixedRate ? "fixed rate" : "as fast as possible";

    public string ToMarkdown(string command)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Command: `{command}`");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load average (1/5/15 min) {loadAverageBefore} at start, {LoadAverageAfter} at end.");
        md.AppendLine(KestrelWriteBuffer.Describe(options.WriteBufferBytes) + ".");
        md.AppendLine("Latency: the server's `Stopwatch.GetTimestamp()` at publish, in the event, against the driver's at the socket read that brought it; on Linux both read `clock_gettime(CLOCK_MONOTONIC)` (checked at start: the server's reading lies between two of the driver's).");
        md.AppendLine();
        foreach (IGrouping<(int Subscribers, PublishMode Mode), FanOutSample> scenario in _samples.GroupBy(s => (s.Subscribers, s.Mode)))
        {
            WriteScenario(md, scenario.Key.Subscribers, scenario.Key.Mode, [.. scenario]);
        }

        if (_idle.Count > 0)
        {
            WriteIdle(md);
        }

        return md.ToString();
    }

    private void WriteScenario(StringBuilder md, int subscribers, PublishMode mode, IReadOnlyList<FanOutSample> samples)
    {
        FanOutSample first = samples[0];
        string shape = mode == PublishMode.FixedRate
            ? string.Create(CultureInfo.InvariantCulture, $"fixed rate, {first.EventsPerSecond:N0} events/s for {options.FixedDuration.TotalSeconds:N0} s ({first.Events:N0} events)")
            : string.Create(CultureInfo.InvariantCulture, $"as fast as possible, {first.Events:N0} events");
        md.AppendLine(CultureInfo.InvariantCulture, $"#### {subscribers:N0} subscribers, {shape}");
        md.AppendLine();
        md.AppendLine("| Peer | deliveries/s | vs Channel | server CPU µs / delivery | vs Channel | server B / delivery | p50 ms | p99 ms | delivered | client CPU µs / delivery | server kernel share | publish loop s | of the B / delivery, Kestrel's pool growing |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        FanOutSample? channel = samples.FirstOrDefault(s => s.Peer == Peers.Channel);
        foreach (FanOutSample sample in samples)
        {
            string name = sample.Peer == Peers.SseGen ? $"**{Peers.DisplayName(sample.Peer)}**" : Peers.DisplayName(sample.Peer);
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {sample.DeliveriesPerSecond:N0} | {Ratio(sample.DeliveriesPerSecond, channel?.DeliveriesPerSecond)} | {sample.ServerCpuMicrosecondsPerDelivery:F2} | {Ratio(sample.ServerCpuMicrosecondsPerDelivery, channel?.ServerCpuMicrosecondsPerDelivery)} | " +
                $"{sample.AllocatedBytesPerDelivery:F2} | {sample.LatencyP50Milliseconds:F2} | {sample.LatencyP99Milliseconds:F2} | {sample.Deliveries:N0} / {sample.ExpectedDeliveries:N0} | {sample.ClientCpuMicrosecondsPerDelivery:F2} | {sample.ServerKernelShare:P0} | {sample.PublishSeconds:F2} | {sample.PoolGrowthBytesPerDelivery:F2} |"));
        }

        md.AppendLine();
    }

    private void WriteIdle(StringBuilder md)
    {
        IdleSample floor = _idle.First(s => s.Peer == Peers.KestrelFloor);
        md.AppendLine(CultureInfo.InvariantCulture, $"#### Idle scale: {floor.Streams:N0} subscribed streams held {floor.Hold.TotalSeconds:N0} s");
        md.AppendLine();
        md.AppendLine("| Peer | streams | managed heap / stream | of it, Kestrel's idle pool blocks | of it, pool blocks in flight | held by the streams | above the floor | above the floor, blocks in flight counted | working set / stream | heartbeats / stream |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (IdleSample sample in _idle)
        {
            // The floor's and each peer's own pool blocks are left out of both sides: the idle ones are the connection storm's,
            // the rented ones buffers of writes being sent at the sample (heartbeats), neither held by a stream between writes.
            // The last "above" counts those in flight as the stream's, for the reader who would.
            bool isFloor = sample.Peer == Peers.KestrelFloor;
            string above = isFloor ? "—" : Kilobytes(sample.StreamBytesPerStream - floor.StreamBytesPerStream);
            string aboveInFlight = isFloor ? "—" : Kilobytes(sample.StreamAndInFlightBytesPerStream - floor.StreamAndInFlightBytesPerStream);
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Peers.DisplayName(sample.Peer)} | {sample.Streams:N0} | {Kilobytes(sample.HeapBytesPerStream)} | {Kilobytes(sample.PooledBytesPerStream)} | {Kilobytes(sample.RentedBytesPerStream)} | {Kilobytes(sample.StreamBytesPerStream)} | {above} | {aboveInFlight} | {Kilobytes(sample.WorkingSetBytesPerStream)} | {sample.HeartbeatsPerStream:F1} |"));
        }

        md.AppendLine();
    }

    private static string Kilobytes(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:F2} KB");

    private static string Ratio(double value, double? baseline) =>
        baseline is > 0 ? string.Create(CultureInfo.InvariantCulture, $"{value / baseline.Value:F2}×") : "n/a";
}
