using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;

namespace SseGen.FanOut.Server;

/// <summary>
/// What the server allocates, by type, from the runtime's own allocation sampling (<c>GCAllocationTick</c>: one event
/// per ~100 KB allocated, naming the type that crossed the mark). Off unless <c>SSEGEN_FANOUT_ALLOCATION_TICKS=1</c>:
/// then every <c>/stats</c> call prints the types sampled since the previous one, so the call after a phase names
/// what the phase allocated.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);

    public static AllocationSampler? StartIfAsked() =>
        Environment.GetEnvironmentVariable("SSEGEN_FANOUT_ALLOCATION_TICKS") == "1" ? new AllocationSampler() : null;

    /// <summary>The types sampled since the last call, most bytes first, and starts again.</summary>
    public string TakeReport(int top = 12)
    {
        ConcurrentDictionary<string, long> taken = Interlocked.Exchange(ref _bytesByType, new(StringComparer.Ordinal));
        long total = taken.Values.Sum();
        var report = new StringBuilder();
        report.Append(CultureInfo.InvariantCulture, $"allocation ticks: {total / 1024.0 / 1024.0:F1} MB sampled");
        foreach ((string type, long bytes) in taken.OrderByDescending(t => t.Value).Take(top))
        {
            report.AppendLine().Append(CultureInfo.InvariantCulture, $"  {bytes * 100.0 / Math.Max(total, 1),5:F1} %  {type}");
        }

        return report.ToString();
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeSource)
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is not { } names || eventData.Payload is not { } payload)
        {
            return;
        }

        int typeAt = names.IndexOf("TypeName");
        int amountAt = names.IndexOf("AllocationAmount64");
        if (typeAt < 0 || amountAt < 0)
        {
            return;
        }

        string type = payload[typeAt] as string ?? "?";
        long amount = Convert.ToInt64(payload[amountAt], CultureInfo.InvariantCulture);
        _bytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
