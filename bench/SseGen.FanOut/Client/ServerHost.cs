using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using SseGen.FanOut.Server;

namespace SseGen.FanOut.Client;

/// <summary>The server under load, a child process of the driver; disposing it stops it and, if it lingers, kills it by PID.</summary>
internal sealed class ServerHost : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly double _clockTicksPerSecond = ClockTicksPerSecond();

    private ServerHost(Process process, int port)
    {
        _process = process;
        Port = port;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(5) };
    }

    public int Port { get; }

    public int Id => _process.Id;

    /// <summary>Events published in this process so far: the next publish's first sequence is one more.</summary>
    public long Published { get; private set; }

    /// <summary>Starts this same executable with <c>--server</c> and waits, bounded, for the port it listens on.</summary>
    public static async Task<ServerHost> StartAsync(CancellationToken cancellationToken)
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable to start");
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // Under `dotnet tool.dll` the host is dotnet itself, which needs the assembly to run.
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(ServerHost).Assembly.Location);
        }

        start.ArgumentList.Add("--server");
        Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {host}");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith(FanOutServer.ListeningPrefix, StringComparison.Ordinal))
                {
                    int port = int.Parse(line.AsSpan(FanOutServer.ListeningPrefix.Length), CultureInfo.InvariantCulture);
                    _ = ForwardOutputAsync(process);
                    return new ServerHost(process, port);
                }

                Console.Error.WriteLine($"server: {line}");
            }

            throw new InvalidOperationException($"the server exited with {(process.HasExited ? process.ExitCode : -1)} before listening");
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>The server process's user and kernel CPU time, read by the driver from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
    public (TimeSpan User, TimeSpan Kernel) CpuTime()
    {
        string stat = File.ReadAllText($"/proc/{_process.Id}/stat");

        // The command name, in parentheses, may hold spaces; the fields after it are fixed: utime is the 14th, stime the 15th.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (Seconds(fields[11]), Seconds(fields[12]));
    }

    private TimeSpan Seconds(string clockTicks) => TimeSpan.FromSeconds(long.Parse(clockTicks, CultureInfo.InvariantCulture) / _clockTicksPerSecond);

    public async Task<ServerStats> GetStatsAsync(string peer, bool collect, bool idle, CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync($"stats?peer={peer}&collect={(collect ? "true" : "false")}&idle={(idle ? "true" : "false")}", FanOutJsonContext.Default.ServerStats, cancellationToken)
        ?? throw new InvalidDataException("empty /stats response");

    /// <summary>Asks the server to publish <paramref name="count"/> events to <paramref name="peer"/>, at <paramref name="rate"/> per second or as fast as it can for 0.</summary>
    public async Task<PublishResult> PublishAsync(string peer, int count, double rate, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.PostAsync(
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

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            // Closing stdin asks the server to stop; a server that does not is killed.
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            Kill(_process);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task ForwardOutputAsync(Process process)
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            Console.Error.WriteLine($"server: {line}");
        }
    }

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
