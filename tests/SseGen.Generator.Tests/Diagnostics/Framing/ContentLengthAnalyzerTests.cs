using Xunit;
using Verify = SseGen.Generator.Tests.Diagnostics.Framing.FramingVerifier<
    SseGen.Generator.Diagnostics.Framing.ContentLengthAnalyzer,
    SseGen.CodeFixes.RemoveHeaderCodeFix>;

namespace SseGen.Generator.Tests.Diagnostics.Framing;

public sealed class ContentLengthAnalyzerTests
{
    [Fact]
    public Task ContentLengthProperty_OnEventStream_IsReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context, byte[] body)
            {
                context.Response.ContentType = "text/event-stream";
                {|SSE1002:context.Response.ContentLength = body.Length|};
            }
        }
        """);

    [Fact]
    public Task ContentLengthHeader_OnEventStream_IsReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = "text/event-stream";
                {|SSE1002:context.Response.Headers["Content-Length"] = "42"|};
                {|SSE1002:context.Response.Headers.ContentLength = 42|};
                {|SSE1002:context.Response.Headers.Append("content-length", "42")|};
            }
        }
        """);

    [Fact]
    public Task ListenerContentLength64_OnEventStream_IsReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpListenerResponse response, byte[] body)
            {
                response.ContentType = "text/event-stream";
                response.SendChunked = true;
                {|SSE1002:response.ContentLength64 = body.Length|};
            }
        }
        """);

    [Fact]
    public Task Message_NamesTheResponse() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpListenerResponse listener)
            {
                listener.ContentType = "text/event-stream";
                listener.SendChunked = true;
                {|#0:listener.ContentLength64 = 10|};
            }
        }
        """,
        Verify.Diagnostic("SSE1002", 0).WithArguments("listener", ""));

    [Fact]
    public Task ContentLength_OnJsonResponse_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Api
        {
            public static void Start(HttpContext context, HttpListenerResponse listener, byte[] body)
            {
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = body.Length;
                listener.ContentType = "application/json";
                listener.ContentLength64 = body.Length;
            }
        }
        """);

    [Fact]
    public Task ContentLength_InTheJsonBranchBesideTheStream_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context, bool stream, byte[] snapshot)
            {
                if (stream)
                {
                    context.Response.ContentType = "text/event-stream";
                }
                else
                {
                    context.Response.ContentType = "application/json";
                    context.Response.ContentLength = snapshot.Length;
                }
            }
        }
        """);

    [Fact]
    public Task ContentLength_InAnEarlyReturnBeforeTheStream_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static async Task StartAsync(HttpContext context, string snapshot)
            {
                if (!context.Request.Headers.Accept.ToString().Contains("text/event-stream"))
                {
                    context.Response.ContentType = "application/json";
                    context.Response.ContentLength = Encoding.UTF8.GetByteCount(snapshot);
                    await context.Response.WriteAsync(snapshot);
                    return;
                }

                context.Response.ContentType = "text/event-stream";
            }
        }
        """);

    [Fact]
    public Task ContentLength_InAnEarlyReturnAfterTheStream_IsReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context, bool small)
            {
                context.Response.ContentType = "text/event-stream";
                if (small)
                {
                    {|SSE1002:context.Response.ContentLength = 10|};
                    return;
                }
            }
        }
        """);

    [Fact]
    public Task ContentLength_AfterTheBranchThatMadeTheStream_IsReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context, bool stream, byte[] snapshot)
            {
                if (stream)
                {
                    context.Response.ContentType = "text/event-stream";
                }

                {|SSE1002:context.Response.ContentLength = snapshot.Length|};
            }
        }
        """);

    [Fact]
    public Task ContentLengthCleared_OnEventStream_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = "text/event-stream";
                context.Response.ContentLength = null;
                context.Response.Headers.ContentLength = default;
            }
        }
        """);

    [Fact]
    public Task Fix_RemovesTheContentLengthStatement() => Verify.VerifyCodeFixAsync("""
        static class Feed
        {
            public static async Task StartAsync(HttpContext context, string events)
            {
                context.Response.ContentType = "text/event-stream";
                {|SSE1002:context.Response.ContentLength = Encoding.UTF8.GetByteCount(events)|};
                await context.Response.WriteAsync(events);
            }
        }
        """, """
        static class Feed
        {
            public static async Task StartAsync(HttpContext context, string events)
            {
                context.Response.ContentType = "text/event-stream";
                await context.Response.WriteAsync(events);
            }
        }
        """);

    [Fact]
    public Task ContentLength_InACondition_IsReportedWithoutAFix() => Verify.VerifyCodeFixAsync("""
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = "text/event-stream";
                if ({|SSE1002:context.Response.Headers.TryAdd("Content-Length", "0")|})
                {
                }
            }
        }
        """, """
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = "text/event-stream";
                if ({|SSE1002:context.Response.Headers.TryAdd("Content-Length", "0")|})
                {
                }
            }
        }
        """);
}
