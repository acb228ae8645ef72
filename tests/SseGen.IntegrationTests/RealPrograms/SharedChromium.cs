using Microsoft.Playwright;

namespace SseGen.IntegrationTests.RealPrograms;

/// <summary>
/// One headless Chromium for the browser tests of <see cref="SharedChromiumCollection"/>, started by the first test that
/// asks (so a missing program skips that test, as <see cref="RealProgram"/> says) and closed after the last; each test
/// takes its own <see cref="IBrowserContext"/>, so nothing of one test's pages, cookies or connections reaches the next.
/// </summary>
public sealed class SharedChromium : IAsyncDisposable
{
    private readonly Lazy<Task<HeadlessChromium>> _chromium = new(HeadlessChromium.StartAsync);

    /// <summary>A fresh context; <paramref name="ignoreHttpsErrors"/> accepts the certificate a test made for itself.</summary>
    internal async Task<IBrowserContext> NewContextAsync(bool ignoreHttpsErrors = false)
    {
        HeadlessChromium chromium = await _chromium.Value;
        return await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = ignoreHttpsErrors });
    }

    public async ValueTask DisposeAsync()
    {
        if (_chromium.IsValueCreated && _chromium.Value.IsCompletedSuccessfully)
        {
            await _chromium.Value.Result.DisposeAsync();
        }
    }
}

/// <summary>Browser tests that share one <see cref="SharedChromium"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedChromiumCollection : ICollectionFixture<SharedChromium>
{
    public const string Name = "Shared Chromium";
}
