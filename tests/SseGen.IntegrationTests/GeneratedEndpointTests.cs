using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SseGen.TestApp;

namespace SseGen.IntegrationTests;

/// <summary>The generated endpoints of the test app, read over a real socket with <see cref="SseParser"/>.</summary>
public sealed class GeneratedEndpointTests(TestAppServer server) : IClassFixture<TestAppServer>
{
    [Fact]
    public async Task JsonItems_ArriveAsCompactJsonUnderTheEndpointsEventType()
    {
        List<SseItem<string>> events = await ReadEventsAsync("/ticks?count=3");

        Assert.Equal(["tick", "tick", "tick"], events.Select(e => e.EventType));
        Assert.Equal(
            ["""{"number":0,"label":"tick 0"}""", """{"number":1,"label":"tick 1"}""", """{"number":2,"label":"tick 2"}"""],
            events.Select(e => e.Data));
    }

    [Fact]
    public async Task StringItems_ArriveAsData_WithLineBreaksNormalisedToLf()
    {
        List<SseItem<string>> events = await ReadEventsAsync("/text?lines=3");

        Assert.Equal(["message", "message"], events.Select(e => e.EventType));
        Assert.Equal(["line 1\nline 2\nline 3", "plain"], events.Select(e => e.Data));
    }

    [Fact]
    public async Task SseItemsOfString_CarryTheirEventTypeAndIds_AndTheStreamStartsWithRetry()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/items");
        request.Headers.Add("Last-Event-ID", "41");
        using HttpResponseMessage response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        SseParser<string> parser = SseParser.Create(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        List<SseItem<string>> events = await ToListAsync(parser);

        Assert.Equal(["note 42", "note 43"], events.Select(e => e.Data));
        Assert.Equal(["note", "note"], events.Select(e => e.EventType));
        Assert.Equal(["42", "43"], events.Select(e => e.EventId));
        Assert.Equal("43", parser.LastEventId);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), parser.ReconnectionInterval);
    }

    [Fact]
    public async Task SseItemsOfT_CarryJsonDataWithTheItemsFields()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/prices/MSFT");
        request.Headers.Add("X-Scale", "2");
        using HttpResponseMessage response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        SseParser<string> parser = SseParser.Create(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        SseItem<string> price = Assert.Single(await ToListAsync(parser));

        Assert.Equal("price", price.EventType);
        Assert.Equal("p1", price.EventId);
        Assert.Equal("""{"symbol":"MSFT","value":3.0}""", price.Data);
        Assert.Equal(TimeSpan.FromSeconds(3), parser.ReconnectionInterval);
    }

    [Fact]
    public async Task TypedUnion_WritesEachDerivedTypeUnderItsOwnEventName()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/chat/lobby");
        request.Headers.Add("Last-Event-ID", "bob");
        using HttpResponseMessage response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        List<SseItem<string>> events = await ToListAsync(SseParser.Create(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken)));

        Assert.Equal(["joined", "said"], events.Select(e => e.EventType));
        Assert.Equal("""{"user":"bob","room":"lobby"}""", events[0].Data);
        Assert.Equal("""{"user":"ann","text":"hello\nworld","room":"lobby"}""", events[1].Data);
    }

    [Fact]
    public async Task InstanceEndpoint_IsCreatedWithItsServices()
    {
        List<SseItem<string>> events = await ReadEventsAsync("/greetings/ann");

        SseItem<string> greeting = Assert.Single(events);
        Assert.Equal("greeting", greeting.EventType);
        Assert.Equal("hello ann", greeting.Data);
    }

    [Fact]
    public async Task FirstEvent_ArrivesWhileTheStreamStaysOpen_AndLeavingCancelsTheMethodsToken()
    {
        StreamProbe probe = server.App.Services.GetRequiredService<StreamProbe>();
        using (HttpResponseMessage response = await server.Client.GetAsync("/wait", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken))
        {
            SseParser<string> parser = SseParser.Create(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
            await using IAsyncEnumerator<SseItem<string>> events = parser.EnumerateAsync(TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);

            Assert.True(await events.MoveNextAsync());
            Assert.Equal("first", events.Current.Data);
            Assert.False(probe.Cancelled.Task.IsCompleted);
        }

        await probe.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task HeartbeatSeconds_FromTheAttribute_KeepsASilentStreamAlive()
    {
        string body = await server.Client.GetStringAsync("/quiet", TestContext.Current.CancellationToken);

        int heartbeat = body.IndexOf(":\n\n", StringComparison.Ordinal);
        Assert.InRange(heartbeat, 0, body.IndexOf("data: late\n\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StreamResponse_IsAnUnbufferedEventStream()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/ticks?count=1", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentLength);
        Assert.True(response.Headers.TransferEncodingChunked);
    }

    [Fact]
    public async Task StreamResponse_ForbidsCachingAndTransforms_SoCdnsAndProxiesPassEventsUnchanged()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/ticks?count=1", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);

        Assert.Equal("no-cache, no-transform", response.Headers.NonValidated["Cache-Control"].ToString());
    }

    [Fact]
    public async Task BadQueryArgument_Gets400ProblemDetails_BeforeAnyEvent()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/ticks?count=many", TestContext.Current.CancellationToken);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(body);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("The query string value 'count' = 'many' is not a valid int.", problem.RootElement.GetProperty("errors").GetProperty("count")[0].GetString());
        Assert.DoesNotContain("data:", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingRequiredQueryArgument_Gets400ProblemDetails()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/ticks", TestContext.Current.CancellationToken);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using JsonDocument problem = JsonDocument.Parse(body);
        Assert.Equal("The query string value 'count' is required.", problem.RootElement.GetProperty("errors").GetProperty("count")[0].GetString());
    }

    [Fact]
    public async Task BadHeader_Gets400UnderTheHeadersName()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/prices/MSFT");
        request.Headers.Add("X-Scale", "lots");
        using HttpResponseMessage response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The header value 'X-Scale' = 'lots' is not a valid decimal.", problem.RootElement.GetProperty("errors").GetProperty("X-Scale")[0].GetString());
    }

    [Theory]
    [InlineData("HIGH")]
    [InlineData("high")]
    public async Task GuidRouteAndEnumQuery_AreBound_TheEnumIgnoringCase(string priority)
    {
        List<SseItem<string>> events = await ReadEventsAsync($"/bindings/6f9619ff-8b86-d011-b42d-00c04fc964ff?priority={priority}&weight=2.25");

        SseItem<string> bound = Assert.Single(events);
        Assert.Equal("bound", bound.EventType);
        Assert.Equal("6f9619ff-8b86-d011-b42d-00c04fc964ff High 2.25", bound.Data);
    }

    [Fact]
    public async Task OmittedQueryValues_TakeTheParametersDefaults()
    {
        List<SseItem<string>> events = await ReadEventsAsync("/bindings/6F9619FF-8B86-D011-B42D-00C04FC964FF");

        Assert.Equal("6f9619ff-8b86-d011-b42d-00c04fc964ff Normal 0.5", Assert.Single(events).Data);
    }

    [Fact]
    public async Task UnknownEnumName_Gets400UnderTheQueryName()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/bindings/6f9619ff-8b86-d011-b42d-00c04fc964ff?priority=urgent", TestContext.Current.CancellationToken);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The query string value 'priority' = 'urgent' is not a valid SseGen.TestApp.Priority.", problem.RootElement.GetProperty("errors").GetProperty("priority")[0].GetString());
    }

    [Fact]
    public async Task NonGuidId_IsNotRoutedToTheEndpoint()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/bindings/not-a-guid", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void MapSseEndpoints_ReturnsABuilderWhoseConventionsReachEveryEndpoint()
    {
        RouteEndpoint[] endpoints = server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ITagsMetadata>()?.Tags.Contains("sse") == true)
            .ToArray();

        Assert.Equal(
            ["/bindings/{id:guid}", "/chat/{room}", "/greetings/{name}", "/guarded/admin", "/guarded/member", "/guarded/open", "/items", "/library/hello", "/live/notes", "/live/prices/{symbol}", "/live/rooms/{room}", "/live/ticks", "/live/words/{prefix}", "/market/{symbol}/quotes", "/market/{symbol}/session", "/market/{symbol}/trades", "/policies/configured", "/policies/once", "/policies/partners", "/prices/{symbol}", "/quiet", "/relay/raw", "/rooms/{room}", "/sentinel/chunks", "/sentinel/notes", "/text", "/ticks", "/topics/chat/{room}", "/topics/plain/{room}", "/topics/relayed/{room}", "/validated/{room}", "/wait"],
            endpoints.Select(e => e.RoutePattern.RawText).Order(StringComparer.Ordinal));
    }

    private async Task<List<SseItem<string>>> ReadEventsAsync(string path)
    {
        using HttpResponseMessage response = await server.Client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ToListAsync(SseParser.Create(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken)));
    }

    private static async Task<List<SseItem<string>>> ToListAsync(SseParser<string> parser)
    {
        var events = new List<SseItem<string>>();
        await foreach (SseItem<string> item in parser.EnumerateAsync(TestContext.Current.CancellationToken))
        {
            events.Add(item);
        }

        return events;
    }
}
