using System.Net.ServerSentEvents;
using Microsoft.Extensions.DependencyInjection;
using SseGen.Client;
using SseGen.TestApp;

namespace SseGen.IntegrationTests.Client;

/// <summary>
/// The declared <c>EndSentinel = "[DONE]"</c> of <see cref="ISentinelFeeds"/> on both sides: the generated endpoint writes it
/// once after the last item (never after a failure), and the generated client ends on it, without reconnecting.
/// </summary>
public sealed class EndSentinelClientTests(TestAppServer server) : IClassFixture<TestAppServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ISentinelFeeds Feeds => SentinelFeedsClient.Create(new SseClient(server.Client));

    [Fact]
    public async Task GeneratedEndpoint_WritesTheSentinelOnce_AfterTheLastChunk()
    {
        byte[] body = await server.Client.GetByteArrayAsync("/sentinel/chunks?count=3&fail=false", Ct);

        List<SseItem<string>> events = [.. SseParser.Create(new MemoryStream(body)).Enumerate()];
        Assert.Equal(["{\"index\":0,\"text\":\"chunk 0\"}", "{\"index\":1,\"text\":\"chunk 1\"}", "{\"index\":2,\"text\":\"chunk 2\"}", "[DONE]"], events.Select(e => e.Data));
        Assert.All(events, e => Assert.Equal("message", e.EventType));
        Assert.EndsWith("\n\ndata: [DONE]\n\n", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GeneratedEndpoint_WritesNoSentinel_WhenItsItemsFail()
    {
        byte[] body = await server.Client.GetByteArrayAsync("/sentinel/chunks?count=2&fail=true", Ct);

        List<SseItem<string>> events = [.. SseParser.Create(new MemoryStream(body)).Enumerate()];
        Assert.Equal(2, events.Count);
        Assert.DoesNotContain(events, e => e.Data == "[DONE]");
    }

    [Fact]
    public async Task GeneratedClient_EndsOnTheSentinel_AndNeverReadsItAsAChunk()
    {
        var chunks = new List<SentinelChunk>();
        await foreach (SentinelChunk chunk in Feeds.Chunks(3, fail: false, Ct))
        {
            chunks.Add(chunk);
        }

        Assert.Equal([new SentinelChunk(0, "chunk 0"), new SentinelChunk(1, "chunk 1"), new SentinelChunk(2, "chunk 2")], chunks);
    }

    [Fact]
    public async Task GeneratedClient_DoesNotResume_AStreamWithIdsThatItsSentinelEnded()
    {
        SentinelFeeds feeds = server.App.Services.GetRequiredService<SentinelFeeds>();
        int before = feeds.NotesConnections;

        var notes = new List<SseItem<SentinelChunk>>();
        await foreach (SseItem<SentinelChunk> note in Feeds.Notes(null, 3, Ct))
        {
            notes.Add(note);
        }

        Assert.Equal(["1", "2", "3"], notes.Select(n => n.EventId));
        Assert.All(notes, n => Assert.Equal("note", n.EventType));
        Assert.Equal(1, feeds.NotesConnections - before);
    }
}
