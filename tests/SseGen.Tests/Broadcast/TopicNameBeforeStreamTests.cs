using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SseGen.Tests.Broadcast;

/// <summary>
/// A topic name from the request that breaks the rule, thrown by items before anything of the stream is written, is the
/// client's 400; thrown after the head, it ends the stream as any other failure does.
/// </summary>
public sealed class TopicNameBeforeStreamTests
{
    [Fact]
    public async Task ItemsThatRejectATopicNameAtOnce_Answer400ProblemDetails_WithNothingOfTheStream()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
            web.MapGet("/rooms/{room}", (HttpContext context, string room) =>
                SseResponse.StreamAsync(context, RoomAsync(room), static (w, s) => w.WriteEvent(s), new SseStreamOptions { RetryMilliseconds = 2500 })));
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        // Routing leaves %2F encoded in the value, so the segment is "a%2Fb".
        using HttpResponseMessage response = await client.GetAsync("rooms/a%2Fb", TestTimeout.After(20));
        string body = await response.Content.ReadAsStringAsync(TestTimeout.After(20));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("X-Accel-Buffering"));
        Assert.DoesNotContain("retry:", body, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(body);
        string message = Assert.Single(problem.RootElement.GetProperty("errors").GetProperty("topic").EnumerateArray()).GetString()!;
        Assert.Equal("The topic name from this request is not valid: a topic name segment may contain only A-Z, a-z, 0-9, '.', '_' and '-'.", message);
        Assert.DoesNotContain(app.Logs.Records, r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task ItemsThatRejectATopicNameAfterTheHead_EndTheStreamCleanly_AndLogOneError()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
            web.MapGet("/late", (HttpContext context) =>
                SseResponse.StreamAsync(context, RejectAfterOneAsync(), static (w, s) => w.WriteEvent(s), new SseStreamOptions { EndpointName = "late" })));
        CancellationToken ct = TestTimeout.After(20);
        await using NetworkStream stream = await app.SendGetAsync("/late", ct);
        var reader = new StrictChunkedReader(stream);

        (string status, _) = await reader.ReadResponseHeadAsync(ct);
        string body = Encoding.UTF8.GetString([.. (await reader.ReadToEndAsync(ct)).SelectMany(c => c)]);

        Assert.Equal("HTTP/1.1 200 OK", status);
        Assert.Equal("first", Assert.Single(SseOracle.Parse(Encoding.UTF8.GetBytes(body))).Data);
        var error = Assert.Single(app.Logs.Records, r => r.Level >= LogLevel.Error);
        Assert.IsType<SseTopicNameException>(error.Exception);
    }

    [Fact]
    public async Task FirstItemNotReady_RetryStillComesFirst_WithTheHead()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
            web.MapGet("/later", (HttpContext context) =>
                SseResponse.StreamAsync(context, AfterAsync(release.Task), static (w, s) => w.WriteEvent(s), new SseStreamOptions { RetryMilliseconds = 2500, HeartbeatInterval = TimeSpan.Zero })));
        CancellationToken ct = TestTimeout.After(20);
        await using NetworkStream stream = await app.SendGetAsync("/later", ct);
        var reader = new StrictChunkedReader(stream);
        await reader.ReadResponseHeadAsync(ct);

        // The first item waits for the release, so this chunk is what the head was sent with.
        byte[] first = await reader.ReadChunkAsync(ct);
        release.SetResult();
        string rest = Encoding.UTF8.GetString([.. (await reader.ReadToEndAsync(ct)).SelectMany(c => c)]);

        Assert.Equal("retry: 2500\n\n", Encoding.UTF8.GetString(first));
        Assert.Equal("data: x\n\n", rest);
    }

#pragma warning disable CS1998 // the name is built before the first await, as an endpoint's iterator does
    private static async IAsyncEnumerable<string> RoomAsync(string room)
    {
        string name = SseTopicName.Join("chat", room);
        yield return name;
    }
#pragma warning restore CS1998

    private static async IAsyncEnumerable<string> RejectAfterOneAsync()
    {
        yield return "first";
        await Task.Yield();
        yield return SseTopicName.Join("chat", "..");
    }

    private static async IAsyncEnumerable<string> AfterAsync(Task release, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await release.WaitAsync(ct);
        yield return "x";
    }
}
