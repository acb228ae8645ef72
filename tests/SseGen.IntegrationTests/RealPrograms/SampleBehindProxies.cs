namespace SseGen.IntegrationTests.RealPrograms;

/// <summary>The sample as its own process, with a real nginx and a real Caddy in front of it, each started when a test first asks.</summary>
public sealed class SampleBehindProxies : IAsyncLifetime
{
    private SampleApp? _sample;
    private ProxiesInFront? _proxies;

    /// <summary>Where to reach the sample: <c>direct</c>, or through <c>nginx</c> or <c>caddy</c>.</summary>
    internal async Task<Uri> AddressAsync(string via, CancellationToken cancellationToken) => via == "direct"
        ? Sample.BaseAddress
        : (await (_proxies ?? throw new InvalidOperationException("The sample has not started.")).GetAsync(via, cancellationToken)).BaseAddress;

    internal SampleApp Sample => _sample ?? throw new InvalidOperationException("The sample has not started.");

    public async ValueTask InitializeAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        _sample = await SampleApp.StartAsync(timeout.Token);
        _proxies = new ProxiesInFront(_sample.BaseAddress.Port);
    }

    public async ValueTask DisposeAsync()
    {
        if (_proxies is not null)
        {
            await _proxies.DisposeAsync();
        }

        if (_sample is not null)
        {
            await _sample.DisposeAsync();
        }
    }
}
