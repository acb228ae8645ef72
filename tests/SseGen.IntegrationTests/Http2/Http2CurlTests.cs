using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SseGen.IntegrationTests.RealPrograms;
using SseGen.TestApp;

namespace SseGen.IntegrationTests.Http2;

/// <summary>curl over HTTP/2, as people debug a stream behind an HTTP/2 server: h2c with prior knowledge, and over TLS.</summary>
public sealed class Http2CurlTests
{
    [Theory]
    [InlineData(HttpTransport.H2c, new[] { "--http2-prior-knowledge" })]
    [InlineData(HttpTransport.Http2Tls, new[] { "--http2", "-k" })]
    public async Task Curl_PrintsTheFirstEvent_OverHttp2_WhileTheStreamStaysOpen(HttpTransport transport, string[] http2Arguments)
    {
        string curl = await RequireCurlWithHttp2Async();
        await using TransportTestApp app = await TransportTestApp.StartAsync(transport);
        StreamProbe probe = app.App.Services.GetRequiredService<StreamProbe>();
        CancellationToken ct = TestTimeout.After(30);

        // -v prints the response head to stderr, so the output says which protocol was spoken.
        await using ChildProcess process = ChildProcess.Start(curl, ["-sSNv", .. http2Arguments, "--max-time", "25", new Uri(app.BaseAddress, "/wait").ToString()]);
        while (!process.Output.Contains("data: first", StringComparison.Ordinal))
        {
            Assert.False(process.HasExited, $"curl exited early:\n{process.Output}");
            await Task.Delay(20, ct);
        }

        Assert.Contains("< HTTP/2 200", process.Output, StringComparison.Ordinal);
        Assert.False(process.HasExited);
        Assert.False(probe.Cancelled.Task.IsCompleted);
    }

    [Theory]
    [InlineData(HttpTransport.H2c, new[] { "--http2-prior-knowledge" })]
    [InlineData(HttpTransport.Http2Tls, new[] { "--http2", "-k" })]
    public async Task Curl_SendingLastEventId_OverHttp2_GetsTheMissedEventsOnce_ThenLiveOnes(HttpTransport transport, string[] http2Arguments)
    {
        string curl = await RequireCurlWithHttp2Async();
        await using TransportTestApp app = await ResumableTicker.StartAsync(transport);
        ISseReplayStore store = app.App.Services.GetRequiredService<ISseReplayStore>();
        CancellationToken ct = TestTimeout.After(30);
        for (int i = 1; i <= 5; i++)
        {
            await store.AppendAsync(ResumableTicker.Stream, $"tick {i}", "tick", ct);
        }

        // -D - puts the response head on stdout before the body, so one ordered output says the protocol and the events.
        await using ChildProcess process = ChildProcess.Start(
            curl, ["-sSN", "-D", "-", .. http2Arguments, "-H", "Last-Event-ID: 2", "--max-time", "25", new Uri(app.BaseAddress, "/ticker").ToString()]);
        await WaitForOutputAsync(process, "id: 5\n", ct);
        await store.AppendAsync(ResumableTicker.Stream, "tick 6", "tick", ct);
        await WaitForOutputAsync(process, "id: 6\n", ct);

        Assert.StartsWith("HTTP/2 200", process.Output, StringComparison.Ordinal);
        Assert.Equal(["3", "4", "5", "6"], Regex.Matches(process.Output, @"^id: (\d+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value));
        Assert.Equal(["tick 3", "tick 4", "tick 5", "tick 6"], Regex.Matches(process.Output, @"^data: (.*)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value));
    }

    private static async Task WaitForOutputAsync(ChildProcess process, string text, CancellationToken ct)
    {
        while (!process.Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(process.HasExited, $"curl exited early:\n{process.Output}");
            await Task.Delay(20, ct);
        }
    }

    private static async Task<string> RequireCurlWithHttp2Async()
    {
        string curl = RealProgram.Require("curl", "curl");
        await using ChildProcess version = ChildProcess.Start(curl, ["-V"]);
        await version.WaitForExitAsync(TestTimeout.After(10));
        string? features = version.Output.Split('\n').FirstOrDefault(l => l.StartsWith("Features:", StringComparison.Ordinal));
        if (features is null || !features.Split(' ').Contains("HTTP2"))
        {
            RealProgram.Missing($"this curl has no HTTP/2 (curl -V: {features}); Debian's curl is built with nghttp2");
        }

        return curl;
    }
}
