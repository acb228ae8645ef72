using System.Globalization;
using System.Net;
using System.Net.ServerSentEvents;

namespace SseGen.IntegrationTests;

/// <summary>Tests that change the process's default culture, so they run alone: no other test may see de-DE.</summary>
[CollectionDefinition(nameof(ProcessCulture), DisableParallelization = true)]
public sealed class ProcessCulture;

/// <summary>
/// The generated endpoints on Kestrel whose threads run under de-DE, where '.' groups thousands: request values must
/// still be read under the invariant culture, as minimal APIs read them.
/// </summary>
[Collection(nameof(ProcessCulture))]
public sealed class GermanCultureGeneratedEndpointTests
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    [Fact]
    public Task DecimalHeader_IsReadWithTheInvariantCulture() => UnderGermanCultureAsync(async client =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/prices/MSFT");
        request.Headers.Add("X-Scale", "1.5");
        using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        SseItem<string> price = Assert.Single(await ReadAsync(response));
        Assert.Equal("""{"symbol":"MSFT","value":2.25}""", price.Data);
    });

    [Fact]
    public Task DoubleQueryValue_IsReadWithTheInvariantCulture() => UnderGermanCultureAsync(async client =>
    {
        using HttpResponseMessage response = await client.GetAsync("/bindings/6f9619ff-8b86-d011-b42d-00c04fc964ff?weight=1.5", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("6f9619ff-8b86-d011-b42d-00c04fc964ff Normal 1.5", Assert.Single(await ReadAsync(response)).Data);
    });

    private static async Task UnderGermanCultureAsync(Func<HttpClient, Task> test)
    {
        // Without culture data (invariant globalization) de-DE would parse like the invariant culture and prove nothing.
        Assert.Equal(15d, double.Parse("1.5", German));

        CultureInfo? defaultCulture = CultureInfo.DefaultThreadCurrentCulture;
        CultureInfo? defaultUiCulture = CultureInfo.DefaultThreadCurrentUICulture;
        CultureInfo culture = CultureInfo.CurrentCulture;
        CultureInfo uiCulture = CultureInfo.CurrentUICulture;
        try
        {
            // The default reaches Kestrel's pool threads; the current one flows from here into the server it starts.
            CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = German;
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = German;
            await using var server = new TestAppServer();
            await server.InitializeAsync();
            await test(server.Client);
        }
        finally
        {
            CultureInfo.DefaultThreadCurrentCulture = defaultCulture;
            CultureInfo.DefaultThreadCurrentUICulture = defaultUiCulture;
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    private static async Task<List<SseItem<string>>> ReadAsync(HttpResponseMessage response)
    {
        var events = new List<SseItem<string>>();
        SseParser<string> parser = SseParser.Create(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        await foreach (SseItem<string> item in parser.EnumerateAsync(TestContext.Current.CancellationToken))
        {
            events.Add(item);
        }

        return events;
    }
}
