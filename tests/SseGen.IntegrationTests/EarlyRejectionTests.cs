using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using SseGen.TestApp;

namespace SseGen.IntegrationTests;

/// <summary>An endpoint returning <c>Results&lt;SseStream&lt;T&gt;, NotFound, ProblemHttpResult&gt;</c> answers any status before its stream, on real Kestrel.</summary>
public sealed class EarlyRejectionTests(TestAppServer server) : IClassFixture<TestAppServer>
{
    [Fact]
    public async Task UnknownRoom_Gets404_WithNoEventStream_AndTheConnectionKept()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/rooms/attic", TestContext.Current.CancellationToken);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(string.Empty, body);
        Assert.False(response.Headers.ConnectionClose ?? false);
        Assert.DoesNotContain(server.Logs.Records, r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Warning && r.Message.Contains("/rooms/attic", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Records, r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task AnotherTenant_Gets403ProblemDetails_BeforeTheStream()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/rooms/lobby");
        request.Headers.Add("X-Tenant", "globex");
        using HttpResponseMessage response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The room belongs to another tenant.", problem.RootElement.GetProperty("title").GetString());
        Assert.False(response.Headers.ConnectionClose ?? false);
        Assert.DoesNotContain(server.Logs.Records, r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task KnownRoom_StreamsWithTheEndpointsEventType()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/rooms/lobby");
        request.Headers.Add("X-Tenant", Rooms.Tenant);
        using HttpResponseMessage response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var events = new List<SseItem<string>>();
        await foreach (SseItem<string> item in SseParser.Create(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken)).EnumerateAsync(TestContext.Current.CancellationToken))
        {
            events.Add(item);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["tick", "tick"], events.Select(e => e.EventType));
        Assert.Equal("{\"number\":1,\"label\":\"lobby\"}", events[1].Data);
    }

    [Fact]
    public async Task OpenApi_DescribesTheStreamAndThe404()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        using JsonDocument document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        JsonElement responses = document.RootElement.GetProperty("paths").GetProperty("/rooms/{room}").GetProperty("get").GetProperty("responses");

        Assert.True(responses.GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _));
        Assert.True(responses.TryGetProperty("404", out _));
    }
}
