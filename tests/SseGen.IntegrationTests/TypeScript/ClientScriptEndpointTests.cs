using System.Net;
using System.Net.Http.Headers;

namespace SseGen.IntegrationTests.TypeScript;

/// <summary><c>MapSseClientScript</c> in the test app: the module and its declarations, revalidated by entity tag.</summary>
public sealed class ClientScriptEndpointTests(TestAppServer server) : IClassFixture<TestAppServer>
{
    [Fact]
    public async Task Module_IsServedAsJavaScript_WithItsEntityTag()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/sse-client.js", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Equal(TypeScriptClientTests.Constant("ModuleETag"), response.Headers.ETag?.ToString());
        Assert.Equal(TypeScriptClientTests.Constant("Module"), await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Declarations_AreServedBesideTheModule()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/sse-client.d.ts", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TypeScriptClientTests.Constant("Declarations"), await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task MatchingEntityTag_GetsNotModified_WithNoBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sse-client.js");
        request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(TypeScriptClientTests.Constant("ModuleETag")));

        using HttpResponseMessage response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task OpenApiDocument_LeavesTheScriptOut()
    {
        string document = await server.Client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Contains("/chat/{room}", document, StringComparison.Ordinal);
        Assert.DoesNotContain("sse-client", document, StringComparison.Ordinal);
    }
}
