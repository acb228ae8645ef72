using Xunit;
using Verify = SseGen.Generator.Tests.Diagnostics.Framing.FramingVerifier<
    SseGen.Generator.Diagnostics.Framing.HttpListenerChunkingAnalyzer,
    SseGen.CodeFixes.SetSendChunkedCodeFix>;

namespace SseGen.Generator.Tests.Diagnostics.Framing;

public sealed class HttpListenerChunkingAnalyzerTests
{
    [Fact]
    public Task EventStream_WithoutSendChunked_IsReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpListenerContext context)
            {
                {|SSE1003:context.Response.ContentType = "text/event-stream"|};
            }
        }
        """);

    [Fact]
    public Task EventStream_WithSendChunkedFalse_IsReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpListenerResponse response)
            {
                response.ContentType = "text/event-stream; charset=utf-8";
                response.SendChunked = {|SSE1003:false|};
            }
        }
        """);

    [Fact]
    public Task EventStreamHeader_WithoutSendChunked_IsReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpListenerResponse response)
            {
                {|SSE1003:response.Headers.Set(HttpResponseHeader.ContentType, "text/event-stream")|};
            }
        }
        """);

    [Fact]
    public Task Message_NamesTheResponseAndTheSetting() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpListenerContext context)
            {
                {|#0:context.Response.ContentType = "text/event-stream"|};
            }
        }
        """,
        Verify.Diagnostic("SSE1003", 0).WithArguments("context.Response"));

    [Fact]
    public Task EventStream_WithSendChunkedTrue_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpListenerContext context)
            {
                var response = context.Response;
                response.SendChunked = true;
                context.Response.ContentType = "text/event-stream";
            }
        }
        """);

    [Fact]
    public Task JsonResponse_WithoutSendChunked_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Api
        {
            public static void Start(HttpListenerResponse response)
            {
                response.ContentType = "application/json";
                response.SendChunked = false;
            }
        }
        """);

    [Fact]
    public Task AspNetCoreEventStream_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context) => context.Response.ContentType = "text/event-stream";
        }
        """);

    [Fact]
    public Task Fix_AddsSendChunkedAfterTheContentType() => Verify.VerifyCodeFixAsync("""
        static class Feed
        {
            public static void Start(HttpListenerContext context)
            {
                {|SSE1003:context.Response.ContentType = "text/event-stream"|};
                context.Response.StatusCode = 200;
            }
        }
        """, """
        static class Feed
        {
            public static void Start(HttpListenerContext context)
            {
                context.Response.ContentType = "text/event-stream";
                context.Response.SendChunked = true;
                context.Response.StatusCode = 200;
            }
        }
        """);

    [Fact]
    public Task Fix_TurnsSendChunkedFalseIntoTrue() => Verify.VerifyCodeFixAsync("""
        static class Feed
        {
            public static void Start(HttpListenerResponse response)
            {
                response.ContentType = "text/event-stream";
                response.SendChunked = {|SSE1003:false|};
            }
        }
        """, """
        static class Feed
        {
            public static void Start(HttpListenerResponse response)
            {
                response.ContentType = "text/event-stream";
                response.SendChunked = true;
            }
        }
        """);

    [Fact]
    public Task FixAll_AddsSendChunkedToEveryListenerEventStream() => Verify.VerifyCodeFixAsync("""
        static class Feed
        {
            public static void Ticks(HttpListenerResponse response)
            {
                {|SSE1003:response.ContentType = "text/event-stream"|};
            }

            public static void Prices(HttpListenerResponse response)
            {
                {|SSE1003:response.ContentType = "text/event-stream"|};
            }
        }
        """, """
        static class Feed
        {
            public static void Ticks(HttpListenerResponse response)
            {
                response.ContentType = "text/event-stream";
                response.SendChunked = true;
            }

            public static void Prices(HttpListenerResponse response)
            {
                response.ContentType = "text/event-stream";
                response.SendChunked = true;
            }
        }
        """);

    [Fact]
    public Task SendChunkedSetByAHelper_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpListenerContext context)
            {
                context.Response.ContentType = "text/event-stream";
                Chunked(context);
            }

            private static void Chunked(HttpListenerContext listener) => listener.Response.SendChunked = true;
        }
        """);

    [Fact]
    public Task SendChunkedTurnedOffByAHelper_StillNeedsChunking() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpListenerResponse response)
            {
                {|SSE1003:response.ContentType = "text/event-stream"|};
                Unchunked(response);
            }

            private static void Unchunked(HttpListenerResponse r) => r.SendChunked = false;
        }
        """);
}
