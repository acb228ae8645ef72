using System.Globalization;

namespace SseGen.LoadTest;

/// <summary>What one run measures, from the command line: the full run by default, tiny counts with <c>--quick</c>.</summary>
internal sealed record LoadTestOptions(
    bool Quick,
    string? OutputPath,
    int Rounds,
    int WarmupEvents,
    ThroughputScenario Single,
    ThroughputScenario Many,
    int IdleConnections,
    TimeSpan IdleHold)
{
    public const string Usage = "usage: SseGen.LoadTest [--quick] [--rounds N] [--out results.md]   (--server runs the server half)";

    public IReadOnlyList<ThroughputScenario> ThroughputScenarios => [Single, Many];

    public static LoadTestOptions? Parse(IReadOnlyList<string> args)
    {
        bool quick = false;
        string? output = null;
        int? rounds = null;
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--out" when i + 1 < args.Count:
                    output = args[++i];
                    break;
                case "--rounds" when i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed > 0:
                    rounds = parsed;
                    i++;
                    break;
                default:
                    return null;
            }
        }

        return quick
            ? new LoadTestOptions(true, output, rounds ?? 1, 2_000, new("a", 1, 20_000), new("b", 10, 2_000), 200, TimeSpan.FromSeconds(3))
            : new LoadTestOptions(false, output, rounds ?? 3, 200_000, new("a", 1, 1_000_000), new("b", 50, 20_000), 10_000, TimeSpan.FromSeconds(30));
    }
}

/// <summary>A throughput scenario: this many connections, each reading this many events as fast as the server sends them.</summary>
internal sealed record ThroughputScenario(string Name, int Connections, int EventsPerConnection)
{
    public long TotalEvents => (long)Connections * EventsPerConnection;

    public string Title => string.Create(CultureInfo.InvariantCulture, $"({Name}) {Connections:N0} × {EventsPerConnection:N0} events");
}
