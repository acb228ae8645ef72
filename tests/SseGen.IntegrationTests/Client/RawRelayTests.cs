using System.Net.ServerSentEvents;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SseGen.IntegrationTests.Client;

/// <summary>
/// The test app's raw relay (<c>IAsyncEnumerable&lt;SseFrame&gt;</c> over <c>SseClient.StreamRawAsync</c>) against an
/// upstream that writes its own bytes: the relayed body is the upstream's, byte for byte, read back with SseParser.
/// </summary>
public sealed class RawRelayTests(TestAppServer server) : IClassFixture<TestAppServer>
{
    // What a third-party upstream may send: a retry, a heartbeat, CRLF and lone-CR line ends, a field without its space,
    // an unknown field, ids, an OpenAI-style sentinel. Sent in pieces that split line ends, each flushed.
    private static readonly string[] Pieces =
    [
        "retry: 10\n\n: heartbeat\n\n",
        "event: message_start\r\nid: 1\r",
        "\ndata: {\"type\":\"message_start\"}\r\n\r\n",
        "data:no-space\n: inside\ndata: second line\nx-field: kept\n\n",
        "id: 2\rdata: cr only\r",
        "\r",
        "data: [DONE]\n\n",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RawRelay_WithComments_SendsTheUpstreamsBytes()
    {
        await using WebApplication upstream = await StartUpstreamAsync();

        byte[] relayed = await server.Client.GetByteArrayAsync(RelayUri(upstream, comments: true), Ct);

        string expected = string.Concat(Pieces);
        Assert.Equal(expected, Encoding.UTF8.GetString(relayed));
        Assert.Equal(Items(Encoding.UTF8.GetBytes(expected)), Items(relayed));
        Assert.Equal("[DONE]", Items(relayed)[^1].Data);
    }

    [Fact]
    public async Task RawRelay_WithoutComments_LeavesOutOnlyTheCommentLines()
    {
        await using WebApplication upstream = await StartUpstreamAsync();

        byte[] relayed = await server.Client.GetByteArrayAsync(RelayUri(upstream, comments: false), Ct);

        string expected = string.Concat(Pieces).Replace(": heartbeat\n\n", "", StringComparison.Ordinal).Replace(": inside\n", "", StringComparison.Ordinal);
        Assert.Equal(expected, Encoding.UTF8.GetString(relayed));
        Assert.Equal(["message_start", "message", "message", "message"], Items(relayed).Select(i => i.EventType));
    }

    private static string RelayUri(WebApplication upstream, bool comments) =>
        "/relay/raw?upstream=" + Uri.EscapeDataString(upstream.Urls.Single() + "/stream") + "&comments=" + (comments ? "true" : "false");

    /// <summary>
    /// An upstream on loopback that writes <see cref="Pieces"/> as raw bytes; a reconnect (it carries <c>Last-Event-ID</c>,
    /// the stream having ids) gets 204, so the relay ends.
    /// </summary>
    private static async Task<WebApplication> StartUpstreamAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        app.MapGet("/stream", async (HttpContext context) =>
        {
            if (context.Request.Headers.ContainsKey("Last-Event-ID"))
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            context.Response.ContentType = "text/event-stream";
            foreach (string piece in Pieces)
            {
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(piece), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        });
        await app.StartAsync(Ct);
        return app;
    }

    private static List<(string EventType, string Data, string? Id)> Items(byte[] utf8) =>
        [.. SseParser.Create(new MemoryStream(utf8)).Enumerate().Select(i => (i.EventType, i.Data, i.EventId))];
}
