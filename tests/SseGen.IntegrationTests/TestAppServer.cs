using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using SseGen.TestApp;

namespace SseGen.IntegrationTests;

/// <summary>The test app on real Kestrel, on a free loopback port, in this process; one per test class.</summary>
public sealed class TestAppServer : IAsyncLifetime
{
    private WebApplication? _app;

    public WebApplication App => _app ?? throw new InvalidOperationException("The server has not started.");

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Every record the app logged, SseGen's and the framework's.</summary>
    internal CapturingLoggerProvider Logs { get; } = new();

    public async ValueTask InitializeAsync()
    {
        _app = TestAppHost.Create(
            registerChatHub: true,
            builder => builder.Logging.AddProvider(Logs),
            "--urls", "http://127.0.0.1:0", "--environment", "Development");
        await _app.StartAsync(TestContext.Current.CancellationToken);
        Client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
