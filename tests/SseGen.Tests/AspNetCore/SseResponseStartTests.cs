using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SseGen.Tests.AspNetCore;

/// <summary>
/// <see cref="SseResponse.Start"/> undoes a <c>Connection: close</c> set before it: an event stream is framed by chunks,
/// and a closed connection would also cost the client its keep-alive for the reconnect.
/// </summary>
public sealed class SseResponseStartTests
{
    [Theory]
    [InlineData("close")]
    [InlineData("Close")]
    [InlineData("CLOSE")]
    public void Start_ConnectionCloseSetEarlier_IsRemoved(string value)
    {
        var context = new DefaultHttpContext();
        context.Response.Headers.Connection = value;

        SseResponse.Start(context.Response);

        Assert.False(context.Response.Headers.ContainsKey("Connection"));
        Assert.Equal("text/event-stream", context.Response.ContentType);
    }

    [Theory]
    [InlineData("keep-alive, close", "keep-alive")]
    [InlineData("close,upgrade", "upgrade")]
    [InlineData(" close , ", null)]
    public void Start_CloseTokenInAList_IsRemoved_AndTheOtherTokensKept(string value, string? expected)
    {
        var context = new DefaultHttpContext();
        context.Response.Headers.Connection = value;

        SseResponse.Start(context.Response);

        Assert.Equal(expected, context.Response.Headers.TryGetValue("Connection", out var kept) ? kept.ToString() : null);
    }

    [Fact]
    public void Start_TwoConnectionValues_OneClose_KeepsTheOther()
    {
        var context = new DefaultHttpContext();
        context.Response.Headers.Connection = new Microsoft.Extensions.Primitives.StringValues(["Close", "keep-alive"]);

        SseResponse.Start(context.Response);

        Assert.Equal("keep-alive", context.Response.Headers.Connection.ToString());
    }

    [Fact]
    public void Start_OtherConnectionValue_IsKept()
    {
        var context = new DefaultHttpContext();
        context.Response.Headers.Connection = "keep-alive";

        SseResponse.Start(context.Response);

        Assert.Equal("keep-alive", context.Response.Headers.Connection.ToString());
    }

    [Fact]
    public async Task ConnectionCloseSetByTheApp_KestrelKeepsTheConnectionForTheNextRequest()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
            web.MapGet("/events", (HttpContext context) =>
            {
                context.Response.Headers.Connection = "close";
                return SseResponse.StreamAsync(context, AsyncItems.From("a"), static (w, s) => w.WriteEvent(s));
            }));
        CancellationToken ct = TestTimeout.After(20);
        await using NetworkStream stream = await app.SendGetAsync("/events", ct);
        var reader = new StrictChunkedReader(stream);

        (string status, Dictionary<string, string> headers) = await reader.ReadResponseHeadAsync(ct);
        Assert.Equal("HTTP/1.1 200 OK", status);
        Assert.False(headers.ContainsKey("connection"), headers.GetValueOrDefault("connection"));
        Assert.Equal("chunked", headers["transfer-encoding"]);
        Assert.Equal("a", Assert.Single(SseOracle.Parse([.. (await reader.ReadToEndAsync(ct)).SelectMany(c => c)])).Data);

        // Kestrel closes a connection after a response that says Connection: close; this one must take another request.
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /events HTTP/1.1\r\nHost: {app.BaseAddress.Authority}\r\n\r\n"), ct);
        (string secondStatus, _) = await reader.ReadResponseHeadAsync(ct);
        Assert.Equal("HTTP/1.1 200 OK", secondStatus);
    }
}
