using System.Globalization;
using SseGen.IntegrationTests.RealPrograms;

namespace SseGen.IntegrationTests.Redis;

/// <summary>A throwaway redis-server on a loopback port, with no persistence, in a temp folder; stopped by PID.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _directory;

    private RedisServer(ChildProcess process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Configuration = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The StackExchange.Redis configuration string that reaches it.</summary>
    public string Configuration { get; }

    public static async Task<RedisServer> StartAsync(CancellationToken cancellationToken)
    {
        string redis = RealProgram.Require("redis-server", "redis-server");
        string directory = Directory.CreateTempSubdirectory("ssegen-redis-").FullName;
        int port = ChildProcess.FreePort();
        ChildProcess process = ChildProcess.Start(redis, ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory, "--save", "", "--appendonly", "no", "--protected-mode", "yes"]);
        var server = new RedisServer(process, directory, port);
        await process.WaitForPortAsync(port, cancellationToken);
        return server;
    }

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
}
