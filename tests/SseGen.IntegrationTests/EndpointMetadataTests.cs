using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using SseGen.TestApp;

namespace SseGen.IntegrationTests;

/// <summary>
/// Attributes on an <c>[SseEndpoint]</c> method and its class act as they do on a controller action, on real Kestrel:
/// authorization, rate limiting, CORS and the OpenAPI description, each before the stream starts.
/// </summary>
public sealed class EndpointMetadataTests(TestAppServer server) : IClassFixture<TestAppServer>
{
    [Fact]
    public async Task ClassAuthorize_Anonymous_Gets401AndNoEventStream()
    {
        using HttpResponseMessage response = await GetAsync("/guarded/member", user: null);

        await AssertRejectedAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ClassAuthorize_SignedIn_Streams()
    {
        using HttpResponseMessage response = await GetAsync("/guarded/member", user: "ann");

        Assert.Equal(["member"], await ReadDataAsync(response));
    }

    [Fact]
    public async Task MethodPolicy_UserWhoDoesNotMeetIt_Gets403AndNoEventStream()
    {
        using HttpResponseMessage response = await GetAsync("/guarded/admin", user: "ann");

        await AssertRejectedAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task MethodPolicy_UserWhoMeetsIt_Streams()
    {
        using HttpResponseMessage response = await GetAsync("/guarded/admin", user: "root");

        Assert.Equal(["admin"], await ReadDataAsync(response));
    }

    [Fact]
    public async Task AllowAnonymousOnTheMethod_OpensOneEndpointOfAnAuthorizedClass()
    {
        using HttpResponseMessage response = await GetAsync("/guarded/open", user: null);

        Assert.Equal(["open"], await ReadDataAsync(response));
    }

    [Fact]
    public async Task EnableRateLimiting_SecondRequest_Gets429BeforeTheStream()
    {
        using HttpResponseMessage first = await GetAsync("/policies/once", user: null);
        List<string> events = await ReadDataAsync(first);
        using HttpResponseMessage second = await GetAsync("/policies/once", user: null);

        Assert.Equal(["once"], events);
        await AssertRejectedAsync(second, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task EnableCors_AllowsItsOriginOnThatEndpointOnly()
    {
        using HttpResponseMessage partners = await GetAsync("/policies/partners", user: null, origin: TestAppHost.PartnerOrigin);
        using HttpResponseMessage other = await GetAsync("/text", user: null, origin: TestAppHost.PartnerOrigin);
        using HttpResponseMessage stranger = await GetAsync("/policies/partners", user: null, origin: "https://stranger.example");

        Assert.Equal([TestAppHost.PartnerOrigin], partners.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.Equal(["partners"], await ReadDataAsync(partners));
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(stranger.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task ConventionOnOneEndpoint_ProtectsItAlone()
    {
        using HttpResponseMessage configured = await GetAsync("/policies/configured", user: "ann");
        using HttpResponseMessage asRoot = await GetAsync("/policies/configured", user: "root");
        using HttpResponseMessage sibling = await GetAsync("/policies/documented", user: null);

        await AssertRejectedAsync(configured, HttpStatusCode.Forbidden);
        Assert.Equal(["configured"], await ReadDataAsync(asRoot));
        Assert.Equal(["documented"], await ReadDataAsync(sibling));
    }

    [Fact]
    public async Task TagsSummaryAndDescription_OfTheMethod_AreInTheOpenApiDocument()
    {
        using JsonDocument document = await GetDocumentAsync();
        JsonElement operation = Operation(document, "/policies/documented");

        Assert.Equal(["documented"], operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("A documented stream", operation.GetProperty("summary").GetString());
        Assert.Equal("One event, described by the method's own attributes.", operation.GetProperty("description").GetString());
    }

    [Fact]
    public async Task UntaggedEndpoint_IsTaggedWithItsDeclaringType_AsAControllerIs()
    {
        using JsonDocument document = await GetDocumentAsync();

        Assert.Equal(["Feeds"], Operation(document, "/plain/ticks").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["Guarded"], Operation(document, "/plain/guarded/open").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? user, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(TestAuthenticationHandler.SchemeName, user);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
    }

    private static async Task AssertRejectedAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        Assert.NotEqual("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("data:", body, StringComparison.Ordinal);
    }

    private static async Task<List<string>> ReadDataAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var data = new List<string>();
        SseParser<string> parser = SseParser.Create(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        await foreach (SseItem<string> item in parser.EnumerateAsync(TestContext.Current.CancellationToken))
        {
            data.Add(item.Data);
        }

        return data;
    }

    private async Task<JsonDocument> GetDocumentAsync()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static JsonElement Operation(JsonDocument document, string path) =>
        document.RootElement.GetProperty("paths").GetProperty(path).GetProperty("get");
}
