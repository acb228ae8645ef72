using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SseGen.Tests.AspNetCore;

/// <summary>
/// HTTP/1.0 has no chunked framing, so Kestrel ends such a body by closing the connection. The stream still works for
/// that client; what SseGen owes it is a warning, once per endpoint, that names the fix.
/// </summary>
public sealed class Http10ClientTests
{
    private const int Http10WarningId = 8;

    [Fact]
    public async Task Http10Client_GetsCloseDelimitedEvents_AndEachEndpointWarnsOnce_WithTheFix()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
        {
            web.MapGet("/a", (HttpContext context) => SseResponse.StreamAsync(context, AsyncItems.From("one", "two"), static (w, s) => w.WriteEvent(s), new SseStreamOptions { EndpointName = "A" }));
            web.MapGet("/b", (HttpContext context) => SseResponse.StreamAsync(context, AsyncItems.From("one", "two"), static (w, s) => w.WriteEvent(s), new SseStreamOptions { EndpointName = "B" }));
        });
        CancellationToken ct = TestTimeout.After(20);

        for (int i = 0; i < 3; i++)
        {
            (string head, byte[] body) = await GetAsync(app, "/a", "HTTP/1.0", ct);
            Assert.DoesNotContain("transfer-encoding", head, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(["one", "two"], SseOracle.Parse(body).Select(e => e.Data));
        }

        await GetAsync(app, "/b", "HTTP/1.0", ct);

        var warnings = app.Logs.Records.Where(r => r.EventId.Id == Http10WarningId).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(LogLevel.Warning, w.Level));
        Assert.All(warnings, w => Assert.Contains("proxy_http_version 1.1", w.Message, StringComparison.Ordinal));
        Assert.Single(warnings, w => w.Message.Contains("'A'", StringComparison.Ordinal));
        Assert.Single(warnings, w => w.Message.Contains("'B'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Http11Client_IsChunked_AndNotWarned()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
            web.MapGet("/a", (HttpContext context) => SseResponse.StreamAsync(context, AsyncItems.From("one"), static (w, s) => w.WriteEvent(s))));
        CancellationToken ct = TestTimeout.After(20);

        (string head, _) = await GetAsync(app, "/a", "HTTP/1.1", ct, close: true);

        Assert.Contains("transfer-encoding: chunked", head, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(app.Logs.Records, r => r.EventId.Id == Http10WarningId);
    }

    /// <summary>Sends one GET and reads the whole response until the server closes the connection.</summary>
    private static async Task<(string Head, byte[] Body)> GetAsync(LoopbackApp app, string path, string version, CancellationToken ct, bool close = false)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(app.BaseAddress.Host, app.BaseAddress.Port, ct);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        string connection = close ? "Connection: close\r\n" : "";
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} {version}\r\nHost: {app.BaseAddress.Authority}\r\n{connection}\r\n"), ct);
        var all = new MemoryStream();
        await stream.CopyToAsync(all, ct);
        byte[] bytes = all.ToArray();
        int end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.True(end > 0, "no response head");
        return (Encoding.ASCII.GetString(bytes, 0, end), bytes[(end + 4)..]);
    }
}
