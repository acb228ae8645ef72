using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using SseGen.TestApp;

namespace SseGen.IntegrationTests;

/// <summary>Conventions applied to the builder <c>MapSseEndpoints()</c> returns act before the stream starts.</summary>
public sealed class ConventionTests(TestAppServer server) : IClassFixture<TestAppServer>
{
    [Fact]
    public async Task RequireAuthorization_Unauthenticated_Gets401AndNoStream()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/secure/ticks?count=1", TestContext.Current.CancellationToken);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(string.Empty, body);
    }

    [Fact]
    public async Task RequireAuthorization_Authenticated_Streams()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/secure/ticks?count=2");
        request.Headers.Authorization = new AuthenticationHeaderValue(TestAuthenticationHandler.SchemeName, "ann");
        using HttpResponseMessage response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        List<SseItem<string>> events = await ReadAllAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["tick", "tick"], events.Select(e => e.EventType));
    }

    [Fact]
    public async Task RequireRateLimiting_SecondRequest_Gets429BeforeTheStream()
    {
        using HttpResponseMessage first = await server.Client.GetAsync("/limited/text", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        List<SseItem<string>> events = await ReadAllAsync(first);
        using HttpResponseMessage second = await server.Client.GetAsync("/limited/text", TestContext.Current.CancellationToken);
        string body = await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(2, events.Count);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotEqual("text/event-stream", second.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("data:", body, StringComparison.Ordinal);
    }

    private static async Task<List<SseItem<string>>> ReadAllAsync(HttpResponseMessage response)
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
