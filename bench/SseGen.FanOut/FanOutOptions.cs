using System.Globalization;

namespace SseGen.FanOut;

/// <summary>What one run measures, from the command line: the full run by default, a few subscribers and events with <c>--quick</c>.</summary>
internal sealed record FanOutOptions(
    bool Quick,
    string? OutputPath,
    IReadOnlyList<string> Peers,
    IReadOnlyList<int> SubscriberCounts,
    int FixedDeliveriesPerSecond,
    TimeSpan FixedDuration,
    int BurstDeliveries,
    int? IdleStreams,
    TimeSpan IdleHold,
    int SourceAddresses,
    int? WriteBufferBytes = null)
{
    public const string Usage =
        "usage: SseGen.FanOut [--quick] [--subscribers 1000,10000] [--peers ssegen,channel,signalr] [--fixed-deliveries N (per second)] " +
        "[--fixed-seconds N] [--burst-deliveries N] [--idle N (streams; runs the idle-scale measurement instead)] [--idle-seconds N] [--write-buffer BYTES (Kestrel's per-connection write buffer, every peer)] [--out results.md]   (--server runs the server half)";

    /// <summary>
    /// At most this many events in one burst: under SseGen's default queue bound (1024 events), so a burst that outruns a
    /// subscriber is queued, as it is for the unbounded channels, rather than ending its stream.
    /// </summary>
    public const int MaxBurstEvents = 1000;

    public static FanOutOptions? Parse(IReadOnlyList<string> args)
    {
        bool quick = args.Contains("--quick");
        FanOutOptions options = quick
            ? new FanOutOptions(true, null, global::SseGen.FanOut.Peers.FanOut, [5, 20], 200, TimeSpan.FromSeconds(1), 400, null, TimeSpan.FromSeconds(3), 4)
            : new FanOutOptions(false, null, global::SseGen.FanOut.Peers.FanOut, [1_000, 10_000], 20_000, TimeSpan.FromSeconds(10), 2_000_000, null, TimeSpan.FromSeconds(30), 4);
        for (int i = 0; i < args.Count; i++)
        {
            string? value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--quick":
                    continue;
                case "--out" when value is not null:
                    options = options with { OutputPath = value };
                    break;
                case "--subscribers" when TryReadCounts(value, out List<int> counts):
                    options = options with { SubscriberCounts = counts };
                    break;
                case "--peers" when value?.Split(',') is { } peers && peers.All(global::SseGen.FanOut.Peers.FanOut.Contains):
                    options = options with { Peers = peers };
                    break;
                case "--fixed-deliveries" when TryReadCount(value, out int perSecond):
                    options = options with { FixedDeliveriesPerSecond = perSecond };
                    break;
                case "--fixed-seconds" when TryReadCount(value, out int seconds):
                    options = options with { FixedDuration = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--burst-deliveries" when TryReadCount(value, out int deliveries):
                    options = options with { BurstDeliveries = deliveries };
                    break;
                case "--idle" when TryReadCount(value, out int streams):
                    options = options with { IdleStreams = streams };
                    break;
                case "--idle-seconds" when TryReadCount(value, out int seconds):
                    options = options with { IdleHold = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--write-buffer" when TryReadCount(value, out int bytes):
                    options = options with { WriteBufferBytes = bytes };
                    break;
                default:
                    return null;
            }

            i++;
        }

        return options;
    }

    /// <summary>The fixed rate for <paramref name="subscribers"/>: the same deliveries per second whatever the count, at least one event per second.</summary>
    public double FixedEventsPerSecond(int subscribers) => Math.Max(1, FixedDeliveriesPerSecond / subscribers);

    public int FixedEvents(int subscribers) => Math.Max(1, (int)Math.Round(FixedEventsPerSecond(subscribers) * FixedDuration.TotalSeconds));

    public int BurstEvents(int subscribers) => Math.Clamp(BurstDeliveries / subscribers, 1, MaxBurstEvents);

    private static bool TryReadCount(string? value, out int count) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count > 0;

    private static bool TryReadCounts(string? value, out List<int> counts)
    {
        counts = [];
        foreach (string part in (value ?? "").Split(','))
        {
            if (!TryReadCount(part, out int count))
            {
                return false;
            }

            counts.Add(count);
        }

        return counts.Count > 0;
    }
}
