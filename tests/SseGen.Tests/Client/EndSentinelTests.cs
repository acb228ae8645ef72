using System.Globalization;
using System.Net.ServerSentEvents;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SseGen.Client;

namespace SseGen.Tests.Client;

/// <summary>
/// A declared end sentinel on a real Kestrel server: written once after the last item, never when the stream is stopped or
/// fails; and the client that ends on it without reconnecting and without reading it as an item.
/// </summary>
public sealed class EndSentinelTests
{
    private static readonly SseStreamOptions WithDone = new() { EndSentinel = "[DONE]", HeartbeatInterval = TimeSpan.Zero };

    private static readonly SseClientOptions Fast = new()
    {
        ReconnectDelay = TimeSpan.FromMilliseconds(10),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(100),
        MaxFailedAttempts = 5,
        IdleTimeout = null,
    };

    [Fact]
    public async Task ItemsThatRunOut_AreFollowedByTheSentinel_Once_AsTheLastEvent()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/done", (HttpContext context) =>
            SseResponse.StreamAsync(context, AsyncItems.From(1, 2, 3), static (w, i) => w.WriteJsonEvent(new Tick(i, "t"), TestJsonContext.Default.Tick), WithDone)));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        byte[] body = await http.GetByteArrayAsync("/done", TestTimeout.After(20));

        List<SseItem<string>> events = SseOracle.Parse(body);
        Assert.Equal(4, events.Count);
        Assert.Equal("[DONE]", events[^1].Data);
        Assert.Equal("message", events[^1].EventType);
        Assert.Single(events, e => e.Data == "[DONE]");
        Assert.EndsWith("}\n\ndata: [DONE]\n\n", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItemsThatFail_EndTheBody_WithoutTheSentinel()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/failing", (HttpContext context) =>
            SseResponse.StreamAsync(context, ThenFail(), static (w, s) => w.WriteEvent(s.AsSpan()), WithDone)));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        byte[] body = await http.GetByteArrayAsync("/failing", TestTimeout.After(20));

        Assert.Equal(["one", "two"], SseOracle.Parse(body).Select(e => e.Data));
    }

    [Fact]
    public async Task HostStopping_EndsTheBody_WithoutTheSentinel()
    {
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using LoopbackApp app = await LoopbackApp.StartAsync(
            web => web.MapGet("/waiting", (HttpContext context) =>
                SseResponse.StreamAsync(context, OneThenWait(waiting), static (w, s) => w.WriteEvent(s.AsSpan()), WithDone, context.RequestAborted)),
            services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20)));
        CancellationToken ct = TestTimeout.After(30);
        await using NetworkStream stream = await app.SendGetAsync("/waiting", ct);
        var reader = new StrictChunkedReader(stream);
        Assert.Equal("HTTP/1.1 200 OK", (await reader.ReadResponseHeadAsync(ct)).Status);
        Assert.Equal("first", Assert.Single(SseOracle.Parse(await reader.ReadChunkAsync(ct))).Data);
        await waiting.Task.WaitAsync(ct);

        Task stopping = app.StopAsync(ct);

        // The stopped stream may be resumed elsewhere: its body ends cleanly, with nothing after the first event.
        Assert.Empty(SseOracle.Parse([.. (await reader.ReadToEndAsync(ct)).SelectMany(c => c)]));
        await stopping.WaitAsync(ct);
    }

    [Fact]
    public async Task Client_EndsOnTheSentinel_WithoutReconnectingAStreamWithIds_NorReadingIt()
    {
        int connections = 0;
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/notes", (HttpContext context) =>
        {
            Interlocked.Increment(ref connections);
            return SseResponse.StreamAsync(
                context,
                AsyncItems.From(1, 2, 3),
                static (w, i) => w.WriteJsonEvent(new Tick(i, "n"), TestJsonContext.Default.Tick, "note", i.ToString(CultureInfo.InvariantCulture)),
                WithDone);
        }));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var client = new SseClient(http, Fast);
        var read = new List<string>();

        var ticks = new List<SseItem<Tick>>();
        await foreach (SseItem<Tick> item in client.StreamAsync(new SseClientRequest("/notes") { EndSentinel = "[DONE]" }, Reader(read), TestTimeout.After(20)))
        {
            ticks.Add(item);
        }

        Assert.Equal([1, 2, 3], ticks.Select(t => t.Data.Count));
        Assert.Equal(["1", "2", "3"], ticks.Select(t => t.EventId));
        Assert.DoesNotContain("[DONE]", read);
        Assert.Equal(1, connections);
    }

    [Fact]
    public async Task Client_ReadsTheSentinelsTextUnderAnotherEventType_AsAnItem()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/named", (HttpContext context) =>
            SseResponse.StreamAsync(context, AsyncItems.From("a", "[DONE]", "b"), static (w, s) => w.WriteEvent(s.AsSpan(), eventType: "note"), WithDone)));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        var items = new List<SseItem<string>>();
        await foreach (SseItem<string> item in new SseClient(http, Fast).StreamAsync(new SseClientRequest("/named") { EndSentinel = "[DONE]" }, TestTimeout.After(20)))
        {
            items.Add(item);
        }

        Assert.Equal(["a", "[DONE]", "b"], items.Select(i => i.Data));
        Assert.All(items, i => Assert.Equal("note", i.EventType));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[DONE]\n")]
    [InlineData("a\rb")]
    public void StreamOptions_RejectASentinelThatIsNotOneDataLine(string sentinel)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new SseStreamOptions { EndSentinel = sentinel });

        Assert.Contains("one non-empty data line", error.Message, StringComparison.Ordinal);
    }

    private static SseEventReader<Tick> Reader(List<string> read) => (string eventType, ReadOnlySpan<byte> data, out Tick value) =>
    {
        string text = Encoding.UTF8.GetString(data);
        read.Add(text);
        value = System.Text.Json.JsonSerializer.Deserialize(text, TestJsonContext.Default.Tick)!;
        return eventType == "note";
    };

    private static async IAsyncEnumerable<string> ThenFail()
    {
        yield return "one";
        await Task.Yield();
        yield return "two";
        throw new InvalidOperationException("The items failed after two.");
    }

    private static async IAsyncEnumerable<string> OneThenWait(TaskCompletionSource waiting, [EnumeratorCancellation] CancellationToken ct = default)
    {
        yield return "first";
        waiting.TrySetResult();
        await Task.Delay(Timeout.Infinite, ct);
        yield return "never";
    }
}
