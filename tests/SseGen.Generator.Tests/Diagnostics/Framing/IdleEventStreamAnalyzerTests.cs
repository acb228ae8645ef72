using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SseGen.Generator.Diagnostics.Framing;
using SseGen.Generator.Tests.Infrastructure;
using Xunit;
using Verify = SseGen.Generator.Tests.Diagnostics.Framing.FramingVerifier<
    SseGen.Generator.Diagnostics.Framing.IdleEventStreamAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SseGen.Generator.Tests.Diagnostics.Framing;

/// <summary>SSE1009, a suggestion off by default: a hand-written event stream that waits without sending heartbeats.</summary>
/// <remarks>
/// The Roslyn testing library runs a rule that is off by default as if it were on, so the markup tests below see it;
/// that it is off unless turned on is asserted on a plain compilation here, and that .editorconfig turns it on, by the
/// end-to-end build (<see cref="EndToEndBuildTests"/>).
/// </remarks>
public sealed class IdleEventStreamAnalyzerTests
{
    private const string ChannelFeed = """
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, System.Threading.Channels.Channel<string> channel, CancellationToken ct)
            {
                context.Response.ContentType = "text/event-stream";
                while (true)
                {
                    string message = await channel.Reader.ReadAsync(ct);
                    await context.Response.WriteAsync($"data: {message}\n\n", ct);
                }
            }
        }
        """;

    [Fact]
    public Task ChannelReadInTheLoop_IsReported() => Verify.VerifyAnalyzerAsync(
        ChannelFeed.Replace("await channel.Reader.ReadAsync(ct)", "await {|SSE1009:channel.Reader.ReadAsync(ct)|}", StringComparison.Ordinal));

    [Fact]
    public async Task IsOffByDefault_AndReportedWhenTurnedOnInTheCompilationOptions()
    {
        Compilation compilation = TestCompilation.Create(FramingVerifier<IdleEventStreamAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>.Usings + ChannelFeed);
        Compilation enabled = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("SSE1009", ReportDiagnostic.Info)));

        ImmutableArray<Diagnostic> byDefault = await DiagnosticsOf(compilation);
        ImmutableArray<Diagnostic> whenEnabled = await DiagnosticsOf(enabled);

        Assert.Empty(byDefault);
        Diagnostic diagnostic = Assert.Single(whenEnabled);
        Assert.Equal("SSE1009", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
    }

    [Fact]
    public Task AwaitForeachOverAChannel_IsReportedAtItsCollection() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, System.Threading.Channels.ChannelReader<string> reader, CancellationToken ct)
            {
                context.Response.ContentType = "text/event-stream";
                await foreach (string message in {|SSE1009:reader.ReadAllAsync(ct)|})
                {
                    await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes($"data: {message}\n\n"), ct);
                    await context.Response.Body.FlushAsync(ct);
                }
            }
        }
        """);

    [Fact]
    public Task LongOrUnknownDelay_IsReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, TimeSpan pause)
            {
                context.Response.ContentType = "text/event-stream";
                for (int n = 0; ; n++)
                {
                    await context.Response.WriteAsync($"data: {n}\n\n");
                    await {|SSE1009:Task.Delay(TimeSpan.FromSeconds(90))|};
                }
            }

            public static async Task PollAsync(HttpContext context, TimeSpan pause)
            {
                context.Response.ContentType = "text/event-stream";
                while (!context.RequestAborted.IsCancellationRequested)
                {
                    await {|SSE1009:Task.Delay(pause)|};
                    await context.Response.WriteAsync("data: poll\n\n");
                }
            }
        }
        """);

    [Fact]
    public Task Message_NamesTheResponseAndTheWait() => Verify.VerifyAnalyzerAsync(
        ChannelFeed.Replace("await channel.Reader.ReadAsync(ct)", "await {|#0:channel.Reader.ReadAsync(ct)|}", StringComparison.Ordinal),
        Verify.Diagnostic("SSE1009", 0).WithArguments("context.Response", "channel.Reader.ReadAsync(ct)"));

    [Fact]
    public Task ShortDelayBetweenEvents_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context)
            {
                context.Response.ContentType = "text/event-stream";
                for (int n = 0; ; n++)
                {
                    await context.Response.WriteAsync($"data: {n}\n\n");
                    await Task.Delay(1000);
                    await Task.Delay(TimeSpan.FromSeconds(5));
                }
            }
        }
        """);

    [Fact]
    public Task CommentHeartbeatInTheMethod_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, System.Threading.Channels.Channel<string> channel, CancellationToken ct)
            {
                context.Response.ContentType = "text/event-stream";
                while (true)
                {
                    Task<bool> ready = channel.Reader.WaitToReadAsync(ct).AsTask();
                    if (await Task.WhenAny(ready, Task.Delay(15_000, ct)) != ready)
                    {
                        await context.Response.WriteAsync(": keep-alive\n\n", ct);
                        continue;
                    }

                    string message = await channel.Reader.ReadAsync(ct);
                    await context.Response.WriteAsync($"data: {message}\n\n", ct);
                }
            }
        }
        """);

    [Fact]
    public Task TimerInTheMethod_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, System.Threading.Channels.Channel<string> channel, CancellationToken ct)
            {
                context.Response.ContentType = "text/event-stream";
                using var beat = new Timer(_ => { }, null, 15_000, 15_000);
                while (true)
                {
                    string message = await channel.Reader.ReadAsync(ct);
                    await context.Response.WriteAsync($"data: {message}\n\n", ct);
                }
            }
        }
        """);

    [Fact]
    public Task ColonInsideTheData_IsNotAHeartbeat() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, System.Threading.Channels.Channel<DateTime> channel, CancellationToken ct)
            {
                context.Response.ContentType = "text/event-stream";
                while (true)
                {
                    DateTime at = await {|SSE1009:channel.Reader.ReadAsync(ct)|};
                    await context.Response.WriteAsync($"data: {at.Hour}:{at.Minute}\n\n", ct);
                }
            }
        }
        """);

    [Fact]
    public Task JsonResponseLoop_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Api
        {
            public static async Task DownloadAsync(HttpContext context, System.Threading.Channels.Channel<string> channel, CancellationToken ct)
            {
                context.Response.ContentType = "application/json";
                while (true)
                {
                    string part = await channel.Reader.ReadAsync(ct);
                    await context.Response.WriteAsync(part, ct);
                }
            }
        }
        """);

    [Fact]
    public Task WaitingLoopThatDoesNotWriteTheStream_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, System.Threading.Channels.Channel<string> channel, CancellationToken ct)
            {
                context.Response.ContentType = "text/event-stream";
                await context.Response.WriteAsync("data: hello\n\n", ct);
                while (await channel.Reader.WaitToReadAsync(ct))
                {
                    channel.Reader.TryRead(out _);
                }
            }
        }
        """);

    private static Task<ImmutableArray<Diagnostic>> DiagnosticsOf(Compilation compilation) =>
        compilation.WithAnalyzers([new IdleEventStreamAnalyzer()]).GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);
}
