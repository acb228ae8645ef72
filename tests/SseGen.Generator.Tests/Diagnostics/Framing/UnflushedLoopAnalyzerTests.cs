using Xunit;
using Verify = SseGen.Generator.Tests.Diagnostics.Framing.FramingVerifier<
    SseGen.Generator.Diagnostics.Framing.UnflushedLoopAnalyzer,
    SseGen.CodeFixes.AddFlushCodeFix>;

namespace SseGen.Generator.Tests.Diagnostics.Framing;

public sealed class UnflushedLoopAnalyzerTests
{
    [Fact]
    public Task BodyWritesInALoopWithoutFlush_AreReportedAndFixed() => Verify.VerifyCodeFixAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, IAsyncEnumerable<byte[]> frames, CancellationToken ct)
            {
                context.Response.ContentType = "text/event-stream";
                await foreach (byte[] frame in frames)
                {
                    await {|SSE1006:context.Response.Body.WriteAsync(frame, ct)|};
                }
            }
        }
        """, """
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, IAsyncEnumerable<byte[]> frames, CancellationToken ct)
            {
                context.Response.ContentType = "text/event-stream";
                await foreach (byte[] frame in frames)
                {
                    await context.Response.Body.WriteAsync(frame, ct);
                    await context.Response.Body.FlushAsync(ct);
                }
            }
        }
        """);

    [Fact]
    public Task StreamWriterOverTheBody_IsReportedAtItsLastWriteAndFixed() => Verify.VerifyCodeFixAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context)
            {
                context.Response.Headers.ContentType = "text/event-stream";
                await using var writer = new StreamWriter(context.Response.Body);
                for (int n = 0; n < 10; n++)
                {
                    await writer.WriteAsync("data: ");
                    await {|SSE1006:writer.WriteAsync($"{n}\n\n")|};
                    await Task.Delay(1000);
                }
                await writer.FlushAsync();
            }
        }
        """, """
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context)
            {
                context.Response.Headers.ContentType = "text/event-stream";
                await using var writer = new StreamWriter(context.Response.Body);
                for (int n = 0; n < 10; n++)
                {
                    await writer.WriteAsync("data: ");
                    await writer.WriteAsync($"{n}\n\n");
                    await writer.FlushAsync();
                    await Task.Delay(1000);
                }
                await writer.FlushAsync();
            }
        }
        """);

    [Fact]
    public Task ListenerOutputStreamInASyncLoop_IsReportedAndFixedWithFlush() => Verify.VerifyCodeFixAsync("""
        static class Feed
        {
            public static void Stream(HttpListenerResponse response, Queue<byte[]> frames)
            {
                response.ContentType = "text/event-stream";
                response.SendChunked = true;
                while (frames.Count > 0)
                {
                    {|SSE1006:response.OutputStream.Write(frames.Dequeue())|};
                }
            }
        }
        """, """
        static class Feed
        {
            public static void Stream(HttpListenerResponse response, Queue<byte[]> frames)
            {
                response.ContentType = "text/event-stream";
                response.SendChunked = true;
                while (frames.Count > 0)
                {
                    response.OutputStream.Write(frames.Dequeue());
                    response.OutputStream.Flush();
                }
            }
        }
        """);

    [Fact]
    public Task BodyWriterWritesInALambdaLoop_AreReportedAndFixed() => Verify.VerifyCodeFixAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Routing;

        static class Feeds
        {
            public static void Map(IEndpointRouteBuilder app) =>
                app.MapGet("/ticks", async (HttpContext context) =>
                {
                    context.Response.ContentType = "text/event-stream";
                    var body = context.Response.BodyWriter;
                    while (!context.RequestAborted.IsCancellationRequested)
                    {
                        {|SSE1006:System.Buffers.BuffersExtensions.Write(body, "data: tick\n\n"u8)|};
                        await Task.Delay(1000);
                    }
                });
        }
        """, """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Routing;

        static class Feeds
        {
            public static void Map(IEndpointRouteBuilder app) =>
                app.MapGet("/ticks", async (HttpContext context) =>
                {
                    context.Response.ContentType = "text/event-stream";
                    var body = context.Response.BodyWriter;
                    while (!context.RequestAborted.IsCancellationRequested)
                    {
                        System.Buffers.BuffersExtensions.Write(body, "data: tick\n\n"u8);
                        await body.FlushAsync();
                        await Task.Delay(1000);
                    }
                });
        }
        """);

    [Fact]
    public Task Message_NamesTheResponseAndTheFlushToAdd() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, IAsyncEnumerable<byte[]> frames)
            {
                context.Response.ContentType = "text/event-stream";
                await foreach (byte[] frame in frames)
                {
                    await {|#0:context.Response.Body.WriteAsync(frame)|};
                }
            }
        }
        """,
        Verify.Diagnostic("SSE1006", 0).WithArguments("context.Response", "await context.Response.Body.FlushAsync()"));

    [Fact]
    public Task ConfiguredAwaitWrite_IsFixedWithAConfiguredFlush() => Verify.VerifyCodeFixAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, IAsyncEnumerable<byte[]> frames)
            {
                context.Response.ContentType = "text/event-stream";
                await foreach (byte[] frame in frames.ConfigureAwait(false))
                {
                    await {|SSE1006:context.Response.Body.WriteAsync(frame)|}.ConfigureAwait(false);
                }
            }
        }
        """, """
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, IAsyncEnumerable<byte[]> frames)
            {
                context.Response.ContentType = "text/event-stream";
                await foreach (byte[] frame in frames.ConfigureAwait(false))
                {
                    await context.Response.Body.WriteAsync(frame).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync().ConfigureAwait(false);
                }
            }
        }
        """);

    [Fact]
    public Task FlushInTheLoop_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, IAsyncEnumerable<byte[]> frames)
            {
                context.Response.ContentType = "text/event-stream";
                await foreach (byte[] frame in frames)
                {
                    await context.Response.Body.WriteAsync(frame);
                    await context.Response.Body.FlushAsync();
                }
            }
        }
        """);

    [Fact]
    public Task ResponseWriteAsync_FlushesByItself_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, IAsyncEnumerable<int> ticks)
            {
                context.Response.ContentType = "text/event-stream";
                await foreach (int tick in ticks)
                {
                    await context.Response.WriteAsync($"data: {tick}\n\n");
                    await context.Response.BodyWriter.WriteAsync("\n"u8.ToArray());
                }
            }
        }
        """);

    [Fact]
    public Task AutoFlushWriter_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, IAsyncEnumerable<int> ticks)
            {
                context.Response.ContentType = "text/event-stream";
                await using var writer = new StreamWriter(context.Response.Body) { AutoFlush = true };
                await foreach (int tick in ticks)
                {
                    await writer.WriteAsync($"data: {tick}\n\n");
                }
            }
        }
        """);

    [Fact]
    public Task JsonResponseWrittenInALoop_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Api
        {
            public static async Task DownloadAsync(HttpContext context, IAsyncEnumerable<byte[]> parts)
            {
                context.Response.ContentType = "application/json";
                await foreach (byte[] part in parts)
                {
                    await context.Response.Body.WriteAsync(part);
                }
            }
        }
        """);

    [Fact]
    public Task SingleWriteOutsideALoop_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static async Task SendOneAsync(HttpContext context, byte[] frame)
            {
                context.Response.ContentType = "text/event-stream";
                await context.Response.Body.WriteAsync(frame);
            }
        }
        """);
}
