using System.Net;
using System.Net.ServerSentEvents;

namespace SseGen.IntegrationTests.Client;

/// <summary>The endpoints of a contract interface in a library are served by the implementation the app registered in DI.</summary>
public sealed class ContractEndpointTests(TestAppServer server) : IClassFixture<TestAppServer>
{
    [Fact]
    public async Task ContractUnionEndpoint_StreamsEachCaseUnderItsEventName_FromTheRegisteredImplementation()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/live/rooms/lobby?user=ann", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var events = new List<SseItem<string>>();
        await foreach (SseItem<string> item in SseParser.Create(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken)).EnumerateAsync(TestContext.Current.CancellationToken))
        {
            events.Add(item);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["joined", "said", "left"], events.Select(e => e.EventType));
        Assert.Equal("""{"user":"ann","text":"hello\r\nworld","room":"lobby"}""", events[1].Data);
    }

    [Fact]
    public async Task ContractEndpoint_MissingRequiredHeader_Gets400BeforeTheStream()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/live/ticks", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-Start", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
