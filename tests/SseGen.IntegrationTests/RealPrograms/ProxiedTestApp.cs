namespace SseGen.IntegrationTests.RealPrograms;

/// <summary>The test app on a loopback port with a real nginx and a real Caddy in front of it, each started when a test first asks.</summary>
public sealed class ProxiedTestApp : IAsyncLifetime
{
    private readonly TestAppServer _server = new();
    private ProxiesInFront? _proxies;

    /// <summary>The proxy named <paramref name="name"/> in front of the test app.</summary>
    internal Task<ReverseProxy> ProxyAsync(string name, CancellationToken cancellationToken) =>
        (_proxies ?? throw new InvalidOperationException("The server has not started.")).GetAsync(name, cancellationToken);

    public async ValueTask InitializeAsync()
    {
        await _server.InitializeAsync();
        _proxies = new ProxiesInFront(_server.Client.BaseAddress!.Port);
    }

    public async ValueTask DisposeAsync()
    {
        if (_proxies is not null)
        {
            await _proxies.DisposeAsync();
        }

        await _server.DisposeAsync();
    }
}
