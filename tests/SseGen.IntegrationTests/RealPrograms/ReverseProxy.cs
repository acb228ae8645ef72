namespace SseGen.IntegrationTests.RealPrograms;

/// <summary>A real reverse proxy on a loopback port in front of an origin, with its config from this folder.</summary>
internal sealed class ReverseProxy : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _directory;
    private readonly Func<string> _readLog;

    private ReverseProxy(string name, ChildProcess process, string directory, int port, Func<string> readLog)
    {
        Name = name;
        _process = process;
        _directory = directory;
        _readLog = readLog;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    /// <summary>The proxy's own log: where it reports what it saw wrong with the origin.</summary>
    public string Log => _readLog();

    public static Task<ReverseProxy> StartAsync(string name, int originPort, CancellationToken cancellationToken) => name switch
    {
        "nginx" => StartNginxAsync(originPort, cancellationToken),
        "caddy" => StartCaddyAsync(originPort, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown proxy"),
    };

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<ReverseProxy> StartNginxAsync(int originPort, CancellationToken cancellationToken)
    {
        string nginx = RealProgram.Require("nginx", "nginx");
        (string directory, int port) = Prepare("nginx.conf", originPort);
        ChildProcess process = ChildProcess.Start(nginx, ["-c", Path.Combine(directory, "nginx.conf"), "-p", directory, "-e", Path.Combine(directory, "error.log")]);
        var proxy = new ReverseProxy("nginx", process, directory, port, () => ReadShared(Path.Combine(directory, "error.log")));
        return await ListeningAsync(proxy, process, port, cancellationToken);
    }

    private static async Task<ReverseProxy> StartCaddyAsync(int originPort, CancellationToken cancellationToken)
    {
        string caddy = RealProgram.Require("caddy", "caddy");
        (string directory, int port) = Prepare("Caddyfile", originPort);
        ChildProcess process = ChildProcess.Start(
            caddy,
            ["run", "--config", Path.Combine(directory, "Caddyfile"), "--adapter", "caddyfile"],
            directory,
            new Dictionary<string, string> { ["XDG_DATA_HOME"] = Path.Combine(directory, "data"), ["XDG_CONFIG_HOME"] = Path.Combine(directory, "config"), ["HOME"] = directory });
        var proxy = new ReverseProxy("caddy", process, directory, port, () => process.Output);
        return await ListeningAsync(proxy, process, port, cancellationToken);
    }

    /// <summary>Waits for the proxy's port; a proxy that never listens is stopped by its PID before the failure goes up.</summary>
    private static async Task<ReverseProxy> ListeningAsync(ReverseProxy proxy, ChildProcess process, int port, CancellationToken cancellationToken)
    {
        try
        {
            await process.WaitForPortAsync(port, cancellationToken);
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    private static (string Directory, int Port) Prepare(string configName, int originPort)
    {
        string directory = Directory.CreateTempSubdirectory("ssegen-proxy-").FullName;
        int port = ChildProcess.FreePort();
        string template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "RealPrograms", configName));
        File.WriteAllText(
            Path.Combine(directory, configName),
            template.Replace("{{DIR}}", directory, StringComparison.Ordinal)
                .Replace("{{PORT}}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{{ORIGIN_PORT}}", originPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        return (directory, port);
    }

    private static string ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return "";
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
