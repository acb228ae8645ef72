using System.Globalization;

namespace SseGen.LoadTest;

/// <summary>What one run measures, from the command line: the full run by default, tiny counts with <c>--quick</c>.</summary>
internal sealed record LoadTestOptions(
    bool Quick,
    string? OutputPath,
    int ThroughputRounds,
    int IdleRounds,
    int WarmupEvents,
    ThroughputScenario Single,
    ThroughputScenario Many,
    int IdleConnections,
    TimeSpan IdleHold,
    int ClientEvents,
    bool ClientOnly = false,
    int? WriteBufferBytes = null)
{
    public const string Usage = "usage: SseGen.LoadTest [--quick] [--rounds N (both; default 7 throughput, 3 idle)] [--idle-connections N] [--idle-seconds N] [--client-only] [--write-buffer BYTES (Kestrel's per-connection write buffer, every peer)] [--out results.md]   (--server runs the server half)";

    public IReadOnlyList<ThroughputScenario> ThroughputScenarios => [Single, Many];

    public static LoadTestOptions? Parse(IReadOnlyList<string> args)
    {
        bool quick = false;
        string? output = null;
        int? rounds = null;
        int? idleConnections = null;
        int? idleSeconds = null;
        bool clientOnly = false;
        int? writeBuffer = null;
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--client-only":
                    clientOnly = true;
                    break;
                case "--out" when i + 1 < args.Count:
                    output = args[++i];
                    break;
                case "--rounds" when TryReadCount(args, i + 1, out int parsed):
                    rounds = parsed;
                    i++;
                    break;
                case "--idle-connections" when TryReadCount(args, i + 1, out int parsed):
                    idleConnections = parsed;
                    i++;
                    break;
                case "--idle-seconds" when TryReadCount(args, i + 1, out int parsed):
                    idleSeconds = parsed;
                    i++;
                    break;
                case "--write-buffer" when TryReadCount(args, i + 1, out int parsed):
                    writeBuffer = parsed;
                    i++;
                    break;
                default:
                    return null;
            }
        }

        LoadTestOptions options = quick
            ? new LoadTestOptions(true, output, rounds ?? 1, rounds ?? 1, 2_000, new("a", 1, 20_000), new("b", 10, 2_000), 200, TimeSpan.FromSeconds(3), 20_000)
            // A throughput round lasts well under a second, so more of them steady the median on a shared machine.
            : new LoadTestOptions(false, output, rounds ?? 7, rounds ?? 3, 200_000, new("a", 1, 1_000_000), new("b", 50, 20_000), 10_000, TimeSpan.FromSeconds(30), 1_000_000);
        return options with
        {
            IdleConnections = idleConnections ?? options.IdleConnections,
            IdleHold = idleSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : options.IdleHold,
            ClientOnly = clientOnly,
            WriteBufferBytes = writeBuffer,
        };
    }

    private static bool TryReadCount(IReadOnlyList<string> args, int index, out int count) =>
        int.TryParse(index < args.Count ? args[index] : null, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count > 0;
}

/// <summary>A throughput scenario: this many connections, each reading this many events as fast as the server sends them.</summary>
internal sealed record ThroughputScenario(string Name, int Connections, int EventsPerConnection)
{
    public long TotalEvents => (long)Connections * EventsPerConnection;

    public string Title => string.Create(CultureInfo.InvariantCulture, $"({Name}) {Connections:N0} × {EventsPerConnection:N0} events");
}
