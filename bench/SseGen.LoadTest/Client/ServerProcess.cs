using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using SseGen.LoadTest.Server;

namespace SseGen.LoadTest.Client;

/// <summary>The server under load, a child process of this one; disposing it stops it and, if it lingers, kills it by PID.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly HttpClient _http;

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public int Port { get; }

    public int Id => _process.Id;

    /// <summary>Starts this same executable with <c>--server</c> and waits, bounded, for the port it listens on.</summary>
    public static async Task<ServerProcess> StartAsync(CancellationToken cancellationToken)
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable to start");
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };

        // Under `dotnet tool.dll` the host is dotnet itself, which needs the assembly to run.
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        }

        start.ArgumentList.Add("--server");
        Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {host}");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith(LoadServer.ListeningPrefix, StringComparison.Ordinal))
                {
                    int port = int.Parse(line.AsSpan(LoadServer.ListeningPrefix.Length), CultureInfo.InvariantCulture);
                    _ = ForwardOutputAsync(process);
                    return new ServerProcess(process, port);
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

    public async Task<ServerStats> GetStatsAsync(bool collect, CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync(collect ? "stats?collect=true" : "stats", LoadTestJsonContext.Default.ServerStats, cancellationToken)
        ?? throw new InvalidDataException("empty /stats response");

    /// <summary>Polls, bounded, until the server has <paramref name="expected"/> streams inside endpoints.</summary>
    public async Task WaitForActiveStreamsAsync(int expected, TimeSpan limit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        int active = -1;
        while (clock.Elapsed < limit)
        {
            active = (await GetStatsAsync(collect: false, cancellationToken)).ActiveStreams;
            if (active == expected)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        throw new TimeoutException($"the server has {active} active streams after {limit.TotalSeconds:F0} s, expected {expected}");
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
}
