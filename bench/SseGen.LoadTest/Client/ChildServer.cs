using System.Diagnostics;
using System.Globalization;

namespace SseGen.LoadTest.Client;

/// <summary>
/// A benchmark tool's server, this same executable started as a child with <c>--server</c>, and an HTTP client for its
/// control endpoints; disposing it stops it and, if it lingers, kills it by PID. Shared with the fan-out tool (linked,
/// not copied); each tool's own wrapper adds the endpoints it asks.
/// </summary>
internal sealed class ChildServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;

    private ChildServer(Process process, int port, TimeSpan requestTimeout)
    {
        _process = process;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = requestTimeout };
    }

    public int Port { get; }

    public int Id => _process.Id;

    /// <summary>The client for the server's control endpoints, addressed relative to its root.</summary>
    public HttpClient Http { get; }

    /// <summary>
    /// Starts this same executable with <c>--server</c> and waits, bounded, for the line starting with
    /// <paramref name="listeningPrefix"/> that names the port it listens on.
    /// </summary>
    public static async Task<ChildServer> StartAsync(string listeningPrefix, TimeSpan requestTimeout, CancellationToken cancellationToken)
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable to start");
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };

        // Under `dotnet tool.dll` the host is dotnet itself, which needs the assembly to run; this file is compiled
        // into each tool, so its assembly is the tool's.
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(ChildServer).Assembly.Location);
        }

        start.ArgumentList.Add("--server");
        Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {host}");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith(listeningPrefix, StringComparison.Ordinal))
                {
                    int port = int.Parse(line.AsSpan(listeningPrefix.Length), CultureInfo.InvariantCulture);
                    _ = ForwardOutputAsync(process);
                    return new ChildServer(process, port, requestTimeout);
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

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
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
