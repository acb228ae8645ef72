using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using SseGen.FanOut.Server;
using SseGen.LoadTest.Client;

namespace SseGen.FanOut.Client;

/// <summary>The server under load, a child process of the driver; disposing it stops it and, if it lingers, kills it by PID.</summary>
internal sealed class ServerHost : IAsyncDisposable
{
    private readonly ChildServer _server;
    private readonly double _clockTicksPerSecond = ClockTicksPerSecond();

    private ServerHost(ChildServer server) => _server = server;

    public int Port => _server.Port;

    public int Id => _server.Id;

    /// <summary>Events published in this process so far: the next publish's first sequence is one more.</summary>
    public long Published { get; private set; }

    /// <summary>Starts this same executable with <c>--server</c> and waits, bounded, for the port it listens on.</summary>
    public static async Task<ServerHost> StartAsync(CancellationToken cancellationToken) =>
        new(await ChildServer.StartAsync(FanOutServer.ListeningPrefix, TimeSpan.FromMinutes(5), cancellationToken));

    /// <summary>The server process's user and kernel CPU time, read by the driver from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
    public (TimeSpan User, TimeSpan Kernel) CpuTime()
    {
        string stat = File.ReadAllText($"/proc/{_server.Id}/stat");

        // The command name, in parentheses, may hold spaces; the fields after it are fixed: utime is the 14th, stime the 15th.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (Seconds(fields[11]), Seconds(fields[12]));
    }

    private TimeSpan Seconds(string clockTicks) => TimeSpan.FromSeconds(long.Parse(clockTicks, CultureInfo.InvariantCulture) / _clockTicksPerSecond);

    public async Task<ServerStats> GetStatsAsync(string peer, bool collect, bool idle, CancellationToken cancellationToken) =>
        await _server.Http.GetFromJsonAsync($"stats?peer={peer}&collect={(collect ? "true" : "false")}&idle={(idle ? "true" : "false")}", FanOutJsonContext.Default.ServerStats, cancellationToken)
        ?? throw new InvalidDataException("empty /stats response");

    /// <summary>Asks the server to publish <paramref name="count"/> events to <paramref name="peer"/>, at <paramref name="rate"/> per second or as fast as it can for 0.</summary>
    public async Task<PublishResult> PublishAsync(string peer, int count, double rate, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _server.Http.PostAsync(
            string.Create(CultureInfo.InvariantCulture, $"{Peers.PublishPath(peer).TrimStart('/')}?count={count}&rate={rate}"), content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
        Published += count;
        return await response.Content.ReadFromJsonAsync(FanOutJsonContext.Default.PublishResult, cancellationToken)
            ?? throw new InvalidDataException("empty /publish response");
    }

    /// <summary>Polls, bounded, until the peer feeds <paramref name="expected"/> subscribers.</summary>
    public async Task WaitForSubscribersAsync(string peer, bool idle, int expected, TimeSpan limit, Task failed, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        int subscribers = -1;
        while (clock.Elapsed < limit)
        {
            if (failed.IsFaulted)
            {
                await failed;
            }

            subscribers = (await GetStatsAsync(peer, collect: false, idle, cancellationToken)).Subscribers;
            if (subscribers == expected)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        throw new TimeoutException($"{Peers.DisplayName(peer)} has {subscribers} subscribers after {limit.TotalSeconds:F0} s, expected {expected}");
    }

    /// <summary>
    /// Checks that the server's <see cref="Stopwatch"/> is the driver's: its reading lies between two of ours. On Linux both
    /// read <c>clock_gettime(CLOCK_MONOTONIC)</c>, which every process on the machine shares.
    /// </summary>
    public async Task CheckSharedClockAsync(CancellationToken cancellationToken)
    {
        long before = Stopwatch.GetTimestamp();
        ServerStats stats = await GetStatsAsync(Peers.SseGen, collect: false, idle: false, cancellationToken);
        long after = Stopwatch.GetTimestamp();
        if (stats.TimestampFrequency != Stopwatch.Frequency || stats.Timestamp < before || stats.Timestamp > after)
        {
            throw new InvalidOperationException(
                $"the server's clock ({stats.Timestamp} at {stats.TimestampFrequency} Hz) is not the driver's ({before}..{after} at {Stopwatch.Frequency} Hz): latencies would be meaningless");
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>USER_HZ, the unit of <c>/proc/&lt;pid&gt;/stat</c>'s times (100 on every Linux we know, but asked rather than assumed).</summary>
    private static double ClockTicksPerSecond()
    {
        const int ScClockTicks = 2;
        long ticks = OperatingSystem.IsLinux() ? SysConf(ScClockTicks) : -1;
        return ticks > 0 ? ticks : 100;
    }

    // DllImport rather than LibraryImport: the generated stub would need unsafe code for one blittable call.
    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long SysConf(int name);
}
