using System.Text.Json;

namespace SseGen.IntegrationTests;

/// <summary>The OpenAPI document of the test app, as <c>Microsoft.AspNetCore.OpenApi</c> serves it at <c>/openapi/v1.json</c>.</summary>
public sealed class OpenApiDocumentTests(TestAppServer server) : IClassFixture<TestAppServer>
{
    [Fact]
    public async Task JsonItems_AreDocumentedAsAnEventStreamOfTheItemSchema_UnderTheEventName()
    {
        using JsonDocument document = await GetDocumentAsync();
        JsonElement stream = EventStream(document, "/ticks");

        Assert.Equal("#/components/schemas/Tick", stream.GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal("tick", stream.GetProperty("x-sse-event").GetString());
        JsonElement tick = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("Tick");
        Assert.Equal(["label", "number"], tick.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task StringItems_AreAnEventStreamOfStrings_DispatchedAsMessage()
    {
        using JsonDocument document = await GetDocumentAsync();
        JsonElement stream = EventStream(document, "/text");

        Assert.Equal("string", stream.GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("message", stream.GetProperty("x-sse-event").GetString());
    }

    [Fact]
    public async Task SseItemsOfT_HaveTheSchemaOfT_AndNoFixedEventName()
    {
        using JsonDocument document = await GetDocumentAsync();
        JsonElement stream = EventStream(document, "/prices/{symbol}");

        Assert.Equal("#/components/schemas/Price", stream.GetProperty("schema").GetProperty("$ref").GetString());
        Assert.False(stream.TryGetProperty("x-sse-event", out _));
    }

    [Fact]
    public async Task TypedUnion_IsAOneOfWithEachDerivedTypeUnderItsEventName()
    {
        using JsonDocument document = await GetDocumentAsync();
        JsonElement[] alternatives = EventStream(document, "/chat/{room}").GetProperty("schema").GetProperty("oneOf").EnumerateArray().ToArray();

        Assert.Equal(["joined", "said"], alternatives.Select(a => a.GetProperty("x-sse-event").GetString()));
        Assert.Equal(["room", "user"], alternatives[0].GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["room", "text", "user"], alternatives[1].GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EndpointThatParsesArguments_Documents400ProblemDetails()
    {
        using JsonDocument document = await GetDocumentAsync();
        JsonElement badRequest = Operation(document, "/ticks").GetProperty("responses").GetProperty("400");

        Assert.Equal(
            "#/components/schemas/HttpValidationProblemDetails",
            badRequest.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
    }

    [Fact]
    public async Task EndpointWhoseBindingCannotFail_DocumentsNo400()
    {
        using JsonDocument document = await GetDocumentAsync();

        Assert.Equal(["200"], Operation(document, "/items").GetProperty("responses").EnumerateObject().Select(r => r.Name));
    }

    [Fact]
    public async Task RouteAndHeaderValues_AreParametersUnderTheNamesTheRequestUses()
    {
        using JsonDocument document = await GetDocumentAsync();
        JsonElement[] parameters = Operation(document, "/prices/{symbol}").GetProperty("parameters").EnumerateArray().ToArray();

        Assert.Equal(["symbol:path:True", "X-Scale:header:False"], parameters.Select(Describe));
    }

    [Fact]
    public async Task QueryValues_AreRequiredUnlessOptional_AndShowTheirDefault()
    {
        using JsonDocument document = await GetDocumentAsync();
        JsonElement count = Operation(document, "/ticks").GetProperty("parameters")[0];
        JsonElement lines = Operation(document, "/text").GetProperty("parameters")[0];

        Assert.Equal("count:query:True", Describe(count));
        Assert.Equal("lines:query:False", Describe(lines));
        Assert.Equal(2, lines.GetProperty("schema").GetProperty("default").GetInt32());
    }

    [Fact]
    public async Task LastEventId_IsAnOptionalHeader()
    {
        using JsonDocument document = await GetDocumentAsync();
        JsonElement[] parameters = Operation(document, "/chat/{room}").GetProperty("parameters").EnumerateArray().ToArray();

        Assert.Equal(["room:path:True", "Last-Event-ID:header:False"], parameters.Select(Describe));
    }

    [Fact]
    public async Task WithTags_OnTheGroupMapSseEndpointsReturns_TagsEveryOperation()
    {
        using JsonDocument document = await GetDocumentAsync();

        Assert.Equal(["sse"], Operation(document, "/chat/{room}").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["secure"], Operation(document, "/secure/chat/{room}").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    private async Task<JsonDocument> GetDocumentAsync()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static string Describe(JsonElement parameter) =>
        parameter.GetProperty("name").GetString() + ":" + parameter.GetProperty("in").GetString() + ":"
        + (parameter.TryGetProperty("required", out JsonElement required) && required.GetBoolean());

    private static JsonElement Operation(JsonDocument document, string path) =>
        document.RootElement.GetProperty("paths").GetProperty(path).GetProperty("get");

    private static JsonElement EventStream(JsonDocument document, string path) =>
        Operation(document, path).GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("text/event-stream");
}
