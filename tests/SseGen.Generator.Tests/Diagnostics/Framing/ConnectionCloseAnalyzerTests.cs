using Xunit;
using Verify = SseGen.Generator.Tests.Diagnostics.Framing.FramingVerifier<
    SseGen.Generator.Diagnostics.Framing.ConnectionCloseAnalyzer,
    SseGen.CodeFixes.RemoveHeaderCodeFix>;

namespace SseGen.Generator.Tests.Diagnostics.Framing;

public sealed class ConnectionCloseAnalyzerTests
{
    [Fact]
    public Task ConnectionProperty_OnEventStream_IsReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = "text/event-stream";
                {|SSE1001:context.Response.Headers.Connection = "close"|};
            }
        }
        """);

    [Fact]
    public Task ConnectionIndexer_OnEventStream_IsReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = "text/event-stream";
                {|SSE1001:context.Response.Headers["Connection"] = "close"|};
            }
        }
        """);

    [Fact]
    public Task ConnectionAppend_OnEventStream_IsReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = "text/event-stream";
                {|SSE1001:context.Response.Headers.Append("Connection", "close")|};
            }
        }
        """);

    [Fact]
    public Task ConnectionAppendWithHeaderNames_OnEventStream_IsReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.Headers.ContentType = System.Net.Mime.MediaTypeNames.Text.EventStream;
                {|SSE1001:context.Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.Connection, "close")|};
            }
        }
        """);

    [Fact]
    public Task ListenerKeepAliveFalse_OnEventStream_IsReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpListenerContext context)
            {
                HttpListenerResponse response = context.Response;
                response.ContentType = "text/event-stream";
                response.SendChunked = true;
                {|SSE1001:response.KeepAlive = false|};
            }
        }
        """);

    [Fact]
    public Task ConnectionClose_BeforeTheResponseBecomesAnEventStream_IsReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                {|SSE1001:context.Response.Headers["Connection"] = "close"|};
                context.Response.Headers["Content-Type"] = "text/event-stream; charset=utf-8";
            }
        }
        """);

    [Fact]
    public Task ConnectionClose_ThroughLocalsOfTheSameResponse_IsReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                var response = context.Response;
                var headers = response.Headers;
                context.Response.ContentType = "text/event-stream";
                {|SSE1001:headers.Connection = "close"|};
            }
        }
        """);

    [Fact]
    public Task ConnectionClose_InMinimalApiLambda_IsReported() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Routing;

        static class Feeds
        {
            public static void Map(IEndpointRouteBuilder app) =>
                app.MapGet("/ticks", async (HttpContext context) =>
                {
                    context.Response.ContentType = "text/event-stream";
                    {|SSE1001:context.Response.Headers.Connection = "close"|};
                    await context.Response.WriteAsync("data: tick\n\n");
                });
        }
        """);

    [Fact]
    public Task ConnectionClose_InAController_IsReported() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        public sealed class FeedController : ControllerBase
        {
            [HttpGet("/feed")]
            public void Get()
            {
                Response.ContentType = "text/event-stream";
                {|SSE1001:Response.Headers.Connection = "close"|};
            }
        }
        """);

    [Fact]
    public Task Message_NamesTheResponse() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = "text/event-stream";
                {|#0:context.Response.Headers.Connection = "close"|};
            }
        }
        """,
        Verify.Diagnostic("SSE1001", 0).WithArguments("context.Response", ""));

    [Fact]
    public Task ConnectionClose_OnJsonResponse_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Api
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = "application/json";
                context.Response.Headers.Connection = "close";
                context.Response.Headers["Connection"] = "close";
            }
        }
        """);

    [Fact]
    public Task KeepAlive_OnEventStream_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context, HttpListenerResponse listener)
            {
                context.Response.ContentType = "text/event-stream";
                context.Response.Headers.Connection = "keep-alive";
                listener.ContentType = "text/event-stream";
                listener.SendChunked = true;
                listener.KeepAlive = true;
            }
        }
        """);

    [Fact]
    public Task ConnectionClose_OnAnotherResponse_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext events, HttpContext download)
            {
                events.Response.ContentType = "text/event-stream";
                download.Response.Headers.Connection = "close";
            }
        }
        """);

    [Fact]
    public Task ConnectionClose_InALambdaBesideTheEventStream_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = "text/event-stream";
                Action onError = () => { };
                Action<HttpContext> other = c => c.Response.Headers.Connection = "close";
            }
        }
        """);

    [Fact]
    public Task SseResponseStart_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context) => SseGen.SseResponse.Start(context.Response);
        }
        """);

    [Fact]
    public Task Fix_RemovesTheConnectionCloseStatement() => Verify.VerifyCodeFixAsync("""
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = "text/event-stream";
                {|SSE1001:context.Response.Headers.Connection = "close"|};
                context.Response.Headers.CacheControl = "no-cache";
            }
        }
        """, """
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = "text/event-stream";
                context.Response.Headers.CacheControl = "no-cache";
            }
        }
        """);

    [Fact]
    public Task FixAll_RemovesEveryConnectionClose() => Verify.VerifyCodeFixAsync("""
        static class Feed
        {
            public static void Start(HttpListenerResponse response)
            {
                response.ContentType = "text/event-stream";
                response.SendChunked = true;
                {|SSE1001:response.KeepAlive = false|};
                {|SSE1001:response.Headers["Connection"] = "close"|};
                {|SSE1001:response.AddHeader("Connection", "close")|};
                {|SSE1001:response.Headers.Add("Connection: close")|};
                {|SSE1001:response.Headers.Set(HttpResponseHeader.Connection, "close")|};
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
    public Task EventStreamNamedThroughConstantsAndReadOnlyFields_IsRecognized() => Verify.VerifyAnalyzerAsync("""
        static class MediaTypes
        {
            public const string Sse = "text/event-stream";
            public static readonly string SseReadOnly = "text/event-stream; charset=utf-8";
            public static readonly string Json = "application/json";
        }

        static class Feed
        {
            public static void FromFramework(HttpContext context)
            {
                context.Response.ContentType = System.Net.Mime.MediaTypeNames.Text.EventStream;
                {|SSE1001:context.Response.Headers.Connection = "close"|};
            }

            public static void FromAConstElsewhere(HttpContext context)
            {
                context.Response.ContentType = MediaTypes.Sse;
                {|SSE1001:context.Response.Headers.Connection = "close"|};
            }

            public static void FromAStaticReadOnlyField(HttpContext context)
            {
                context.Response.ContentType = MediaTypes.SseReadOnly;
                {|SSE1001:context.Response.Headers.Connection = "close"|};
            }

            public static void NotAnEventStream(HttpContext context)
            {
                context.Response.ContentType = MediaTypes.Json;
                context.Response.Headers.Connection = "close";
            }
        }
        """);
}
