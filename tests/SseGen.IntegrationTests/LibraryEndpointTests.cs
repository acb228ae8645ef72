using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using SseGen.TestApp;

namespace SseGen.IntegrationTests;

/// <summary>An endpoint declared in a referenced class library is mapped by the test app's <c>MapSseEndpoints()</c>, under its conventions.</summary>
public sealed class LibraryEndpointTests(TestAppServer server) : IClassFixture<TestAppServer>
{
    [Fact]
    public async Task LibraryEndpoint_StreamsItsEvents()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/library/hello", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        List<SseItem<string>> events = await ReadAllAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        SseItem<string> hello = Assert.Single(events);
        Assert.Equal("hello", hello.EventType);
        Assert.Equal("hello from a library", hello.Data);
    }

    [Fact]
    public async Task LibraryEndpointInAnAuthorizedGroup_Unauthenticated_Gets401AndNoStream()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/secure/library/hello", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual("text/event-stream", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task LibraryEndpointInAnAuthorizedGroup_Authenticated_Streams()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/secure/library/hello");
        request.Headers.Authorization = new AuthenticationHeaderValue(TestAuthenticationHandler.SchemeName, "ann");
        using HttpResponseMessage response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        List<SseItem<string>> events = await ReadAllAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["hello from a library"], events.Select(e => e.Data));
    }

    private static async Task<List<SseItem<string>>> ReadAllAsync(HttpResponseMessage response)
    {
        var events = new List<SseItem<string>>();
        await foreach (SseItem<string> item in SseParser.Create(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken)).EnumerateAsync(TestContext.Current.CancellationToken))
        {
            events.Add(item);
        }

        return events;
    }
}
