namespace SseGen.IntegrationTests.RealPrograms;

/// <summary>
/// One real nginx and one real Caddy in front of one origin, for a test class's fixture: each is started by the first
/// test that asks (so a missing program skips that test, as <see cref="RealProgram"/> says) and stopped by its PID when
/// the fixture is disposed, so a class of tests does not start a proxy per test.
/// </summary>
internal sealed class ProxiesInFront(int originPort) : IAsyncDisposable
{
    private readonly Dictionary<string, ReverseProxy> _started = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The proxy named <paramref name="name"/> (<c>nginx</c> or <c>caddy</c>), started now if it is not yet.</summary>
    public async Task<ReverseProxy> GetAsync(string name, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_started.TryGetValue(name, out ReverseProxy? proxy))
            {
                proxy = await ReverseProxy.StartAsync(name, originPort, cancellationToken);
                _started[name] = proxy;
            }

            return proxy;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (ReverseProxy proxy in _started.Values)
        {
            await proxy.DisposeAsync();
        }

        _started.Clear();
        _gate.Dispose();
    }
}
