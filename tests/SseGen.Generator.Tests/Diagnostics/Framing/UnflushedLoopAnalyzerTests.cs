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

    [Fact]
    public Task ArrayOverloadOfBodyWriteAsync_IsReportedAndFixed() => Verify.VerifyCodeFixAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, IAsyncEnumerable<byte[]> frames)
            {
                context.Response.ContentType = "text/event-stream";
                await foreach (byte[] frame in frames)
                {
                    await {|SSE1006:context.Response.Body.WriteAsync(frame, 0, frame.Length)|};
                }
            }
        }
        """, """
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, IAsyncEnumerable<byte[]> frames)
            {
                context.Response.ContentType = "text/event-stream";
                await foreach (byte[] frame in frames)
                {
                    await context.Response.Body.WriteAsync(frame, 0, frame.Length);
                    await context.Response.Body.FlushAsync();
                }
            }
        }
        """);

    [Fact]
    public Task StreamLocalOverTheBody_WrittenWithMemory_IsReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, IAsyncEnumerable<ReadOnlyMemory<byte>> frames, CancellationToken ct)
            {
                context.Response.ContentType = "text/event-stream";
                Stream body = context.Response.Body;
                await foreach (ReadOnlyMemory<byte> frame in frames)
                {
                    await {|SSE1006:body.WriteAsync(frame, ct)|};
                }
            }
        }
        """);

    [Fact]
    public Task WriterWrite_FlushedOnlyThroughTheBody_IsReported_BecauseTheWritersBufferStays() => Verify.VerifyCodeFixAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, IAsyncEnumerable<int> ticks)
            {
                context.Response.ContentType = "text/event-stream";
                await using var writer = new StreamWriter(context.Response.Body);
                await foreach (int tick in ticks)
                {
                    await {|SSE1006:writer.WriteLineAsync($"data: {tick}\n")|};
                    await context.Response.Body.FlushAsync();
                }
            }
        }
        """, """
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, IAsyncEnumerable<int> ticks)
            {
                context.Response.ContentType = "text/event-stream";
                await using var writer = new StreamWriter(context.Response.Body);
                await foreach (int tick in ticks)
                {
                    await writer.WriteLineAsync($"data: {tick}\n");
                    await writer.FlushAsync();
                    await context.Response.Body.FlushAsync();
                }
            }
        }
        """);

    [Fact]
    public Task BodyWrite_FlushedThroughAWriterOverTheBody_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, IAsyncEnumerable<byte[]> frames)
            {
                context.Response.ContentType = "text/event-stream";
                await using var writer = new StreamWriter(context.Response.Body);
                await foreach (byte[] frame in frames)
                {
                    await context.Response.Body.WriteAsync(frame);
                    await writer.FlushAsync();
                }
            }
        }
        """);

    [Fact]
    public Task BodyWrite_FollowedByResponseWriteAsync_IsNotReported_BecauseThatFlushesThePipe() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, IAsyncEnumerable<byte[]> payloads)
            {
                context.Response.ContentType = "text/event-stream";
                await foreach (byte[] payload in payloads)
                {
                    await context.Response.Body.WriteAsync("data: "u8.ToArray());
                    await context.Response.Body.WriteAsync(payload);
                    await context.Response.WriteAsync("\n\n");
                }
            }
        }
        """);

    [Fact]
    public Task BodyWriterWrite_FollowedByBodyWriterWriteAsync_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, IAsyncEnumerable<int> ticks)
            {
                context.Response.ContentType = "text/event-stream";
                await foreach (int tick in ticks)
                {
                    System.Buffers.BuffersExtensions.Write(context.Response.BodyWriter, "data: tick"u8);
                    await context.Response.BodyWriter.WriteAsync("\n\n"u8.ToArray());
                }
            }
        }
        """);

    [Fact]
    public Task UnrelatedFlush_DoesNotCount() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, HttpContext other, IAsyncEnumerable<byte[]> frames)
            {
                context.Response.ContentType = "text/event-stream";
                await foreach (byte[] frame in frames)
                {
                    await {|SSE1006:context.Response.Body.WriteAsync(frame)|};
                    Console.Out.Flush();
                    await other.Response.Body.FlushAsync();
                }
            }
        }
        """);

    [Fact]
    public Task FlushHelperHandedTheContext_Counts() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, IAsyncEnumerable<byte[]> frames)
            {
                context.Response.ContentType = "text/event-stream";
                await foreach (byte[] frame in frames)
                {
                    await context.Response.Body.WriteAsync(frame);
                    await FlushEventAsync(context);
                }
            }

            private static Task FlushEventAsync(HttpContext http) => http.Response.Body.FlushAsync();
        }
        """);

    [Fact]
    public Task StartAsyncBeforeTheLoop_DoesNotFlushTheEvents() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, IAsyncEnumerable<byte[]> frames)
            {
                context.Response.ContentType = "text/event-stream";
                await context.Response.StartAsync();
                await foreach (byte[] frame in frames)
                {
                    await {|SSE1006:context.Response.Body.WriteAsync(frame)|};
                }
            }
        }
        """);

    [Fact]
    public Task EventStreamMadeByAHelper_IsAnEventStreamHere() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static async Task StreamAsync(HttpContext context, IAsyncEnumerable<byte[]> frames)
            {
                BeginEvents(context);
                await foreach (byte[] frame in frames)
                {
                    await {|SSE1006:context.Response.Body.WriteAsync(frame)|};
                }
            }

            private static void BeginEvents(HttpContext http) => http.Response.Headers.ContentType = "text/event-stream";
        }
        """);
}
