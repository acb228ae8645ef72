using System.Diagnostics;
using System.Net.Http.Json;
using SseGen.LoadTest.Server;

namespace SseGen.LoadTest.Client;

/// <summary>The server under load, a child process of this one; disposing it stops it and, if it lingers, kills it by PID.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly ChildServer _server;

    private ServerProcess(ChildServer server) => _server = server;

    public int Port => _server.Port;

    public int Id => _server.Id;

    /// <summary>Starts this same executable with <c>--server</c> and waits, bounded, for the port it listens on.</summary>
    public static async Task<ServerProcess> StartAsync(CancellationToken cancellationToken) =>
        new(await ChildServer.StartAsync(LoadServer.ListeningPrefix, TimeSpan.FromSeconds(60), cancellationToken));

    public async Task<ServerStats> GetStatsAsync(bool collect, CancellationToken cancellationToken) =>
        await _server.Http.GetFromJsonAsync(collect ? "stats?collect=true" : "stats", LoadTestJsonContext.Default.ServerStats, cancellationToken)
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

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
