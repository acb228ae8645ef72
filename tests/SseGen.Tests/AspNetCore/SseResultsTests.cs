using System.Net;
using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SseGen.Tests.AspNetCore;

/// <summary><see cref="SseResults"/> from plain minimal API handlers, on a real Kestrel server read by <see cref="SseParser"/>.</summary>
public sealed class SseResultsTests
{
    [Fact]
    public async Task StringItems_StreamChunkedEventStream_AsTextUnderTheEventType()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/ticks", () => SseResults.Stream(AsyncItems.From("a", "b\nc"), "tick")));

        (HttpResponseMessage response, List<SseItem<string>> events) = await GetEventsAsync(app, "/ticks");

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Equal(["a", "b\nc"], events.Select(e => e.Data));
        Assert.All(events, e => Assert.Equal("tick", e.EventType));
    }

    [Fact]
    public async Task Stream_ForbidsCachingAndTransforms_SoCdnsAndProxiesPassEventsUnchanged()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/ticks", () => SseResults.Stream(AsyncItems.From("a"))));

        (HttpResponseMessage response, _) = await GetEventsAsync(app, "/ticks");

        Assert.Equal("no-cache, no-transform", response.Headers.NonValidated["Cache-Control"].ToString());
    }

    [Fact]
    public async Task RecordItems_AreJson_WithTheAppsMinimalApiJsonOptions()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(
            web => web.MapGet("/ticks", () => SseResults.Stream(AsyncItems.From(new Tick(1, "one"), new Tick(2, "two")))),
            RegisterJsonContext);

        (_, List<SseItem<string>> events) = await GetEventsAsync(app, "/ticks");

        // camelCase comes from the web defaults of the app's options, not from the context's own.
        Assert.Equal(["""{"count":1,"label":"one"}""", """{"count":2,"label":"two"}"""], events.Select(e => e.Data));
        Assert.All(events, e => Assert.Equal(SseParser.EventTypeDefault, e.EventType));
    }

    [Fact]
    public async Task RecordItems_WithAnExplicitTypeInfo_UseThatContract()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(
            web => web.MapGet("/ticks", () => SseResults.Stream(AsyncItems.From(new Tick(1, "one")), ResultsJsonContext.Default.Tick, "tick")));

        (_, List<SseItem<string>> events) = await GetEventsAsync(app, "/ticks");

        SseItem<string> only = Assert.Single(events);
        Assert.Equal("""{"Count":1,"Label":"one"}""", only.Data);
        Assert.Equal("tick", only.EventType);
    }

    [Fact]
    public async Task SseItemsOfRecords_KeepTheirOwnEventTypeAndId_AndTheirDataIsJson()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(
            web => web.MapGet("/ticks", () => SseResults.Stream(AsyncItems.From(
                new SseItem<Tick>(new Tick(1, "one"), "tick") { EventId = "7" },
                new SseItem<Tick>(new Tick(2, "two"), "tock") { EventId = "8" }))),
            RegisterJsonContext);

        (_, List<SseItem<string>> events) = await GetEventsAsync(app, "/ticks");

        Assert.Equal(["tick", "tock"], events.Select(e => e.EventType));
        Assert.Equal(["7", "8"], events.Select(e => e.EventId));
        Assert.Equal("""{"count":1,"label":"one"}""", events[0].Data);
    }

    [Fact]
    public async Task SseItemsOfStrings_AreTextWithTheirOwnEventTypeAndId()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(
            web => web.MapGet("/notes", () => SseResults.Stream(AsyncItems.From(new SseItem<string>("hello", "note") { EventId = "n1" }))));

        (_, List<SseItem<string>> events) = await GetEventsAsync(app, "/notes");

        SseItem<string> only = Assert.Single(events);
        Assert.Equal(("hello", "note", "n1"), (only.Data, only.EventType, only.EventId));
    }

    [Fact]
    public async Task UnionItems_AreSentUnderTheirTypesEventName_WithTheirRuntimeTypesContract()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(
            web => web.MapGet("/changes", () => SseResults.Stream(AsyncItems.From<Change>(new Up(2), new Down(1)))),
            RegisterJsonContext);

        (_, List<SseItem<string>> events) = await GetEventsAsync(app, "/changes");

        Assert.Equal([("up", """{"by":2}"""), ("down", """{"by":1}""")], events.Select(e => (e.EventType, e.Data)));
    }

    [Fact]
    public async Task ResultsUnion_AnswersNotFoundWithoutAnEventStream_OrStreamsForAnotherInput()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(
            web => web.MapGet("/ticks/{n:int}", Results<SseStream<Tick>, NotFound> (int n) =>
                n == 0 ? TypedResults.NotFound() : SseResults.Stream(AsyncItems.From([.. Enumerable.Range(1, n).Select(i => new Tick(i, "t"))]))),
            RegisterJsonContext);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        CancellationToken ct = TestTimeout.After(20);

        using HttpResponseMessage missing = await client.GetAsync("/ticks/0", ct);
        (HttpResponseMessage found, List<SseItem<string>> events) = await GetEventsAsync(app, "/ticks/2");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.NotEqual("text/event-stream", missing.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await missing.Content.ReadAsByteArrayAsync(ct));
        Assert.NotEqual(true, missing.Headers.ConnectionClose);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public async Task HandlerReturningSseStream_IsDescribedAs200EventStreamOfTheItemType()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
        {
            web.MapGet("/ticks", () => SseResults.Stream(AsyncItems.From(new Tick(1, "a"))));
            web.MapGet("/items", () => SseResults.Stream(AsyncItems.From(new SseItem<Tick>(new Tick(1, "a")))));
            web.MapGet("/maybe/{n:int}", Results<SseStream<Tick>, NotFound> (int n) => TypedResults.NotFound());
        });

        Assert.Equal([(200, typeof(Tick), "text/event-stream")], Produces(app, "/ticks"));
        Assert.Equal([(200, typeof(Tick), "text/event-stream")], Produces(app, "/items"));
        Assert.Contains((200, typeof(Tick), "text/event-stream"), Produces(app, "/maybe/{n:int}"));
        Assert.Contains(Produces(app, "/maybe/{n:int}"), p => p.Status == 404);
    }

    [Fact]
    public void Stream_WithAnEventTypeContainingALineBreak_ThrowsAtCallTime()
    {
        bool enumerated = false;

        ArgumentException error = Assert.Throws<ArgumentException>(() => SseResults.Stream(Marking(() => enumerated = true), "bad\nname"));

        Assert.Equal("eventType", error.ParamName);
        Assert.False(enumerated);
    }

    [Fact]
    public async Task HandlerWithABadEventType_Answers500_BeforeAnyEventStreamByte()
    {
        bool enumerated = false;
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/bad", () => SseResults.Stream(Marking(() => enumerated = true), "bad\rname")));
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        using HttpResponseMessage response = await client.GetAsync("/bad", TestTimeout.After(20));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.NotEqual("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.False(enumerated);
    }

    [Fact]
    public void Stream_OfSseItemsWithAStreamEventType_Throws()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => SseResults.Stream(AsyncItems.From(new SseItem<string>("x")), "tick"));

        Assert.Equal("eventType", error.ParamName);
    }

    [Fact]
    public void Stream_OfSseItemsOfJsonNamedByATypeParameter_IsNotSupported() =>
        Assert.Throws<NotSupportedException>(() => SseResults.Stream<SseItem<Tick>>(AsyncItems.From(new SseItem<Tick>(new Tick(1, "a")))));

    private static void RegisterJsonContext(IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ResultsJsonContext.Default));

    private static async IAsyncEnumerable<string> Marking(Action started)
    {
        started();
        yield return "never";
        await Task.CompletedTask;
    }

    private static async Task<(HttpResponseMessage Response, List<SseItem<string>> Events)> GetEventsAsync(LoopbackApp app, string path)
    {
        CancellationToken ct = TestTimeout.After(20);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        HttpResponseMessage response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        var events = new List<SseItem<string>>();
        await foreach (SseItem<string> item in SseParser.Create(await response.Content.ReadAsStreamAsync(ct)).EnumerateAsync(ct))
        {
            events.Add(item);
        }

        return (response, events);
    }

    private static List<(int Status, Type? Type, string ContentType)> Produces(LoopbackApp app, string pattern) =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>().Single(e => e.RoutePattern.RawText == pattern)
            .Metadata.OfType<IProducesResponseTypeMetadata>()
            .SelectMany(p => p.ContentTypes.DefaultIfEmpty(string.Empty), (p, c) => (p.StatusCode, p.Type, c))];
}
