using Xunit;
using CloseVerify = SseGen.Generator.Tests.Diagnostics.Framing.FramingVerifier<
    SseGen.Generator.Diagnostics.Framing.ConnectionCloseAnalyzer,
    SseGen.CodeFixes.RemoveHeaderCodeFix>;
using LengthVerify = SseGen.Generator.Tests.Diagnostics.Framing.FramingVerifier<
    SseGen.Generator.Diagnostics.Framing.ContentLengthAnalyzer,
    SseGen.CodeFixes.RemoveHeaderCodeFix>;

namespace SseGen.Generator.Tests.Diagnostics.Framing;

/// <summary>
/// SSE1001 and SSE1002 follow a response into the helpers it is handed to (methods, extension methods, local functions,
/// lambdas in locals, a controller's own methods), at most three calls deep, and report at the call, naming the chain.
/// </summary>
public sealed class HelperReachTests
{
    private const string NoCacheHelpers = """
        static class Headers
        {
            public static void SetNoCache(HttpResponse response)
            {
                response.Headers.CacheControl = "no-cache";
                SetHeaders(response);
            }

            private static void SetHeaders(HttpResponse response) => response.Headers.Connection = "close";
        }

        """;

    [Fact]
    public Task HelperOnEventStream_IsReportedAtTheCall_WithTheCallChain() => CloseVerify.VerifyAnalyzerAsync(NoCacheHelpers + """
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = "text/event-stream";
                {|#0:Headers.SetNoCache(context.Response)|};
            }
        }
        """,
        CloseVerify.Diagnostic("SSE1001", 0).WithArguments("context.Response", " via SetNoCache → SetHeaders"));

    [Fact]
    public Task SameHelper_OnJsonResponse_IsNotReported() => CloseVerify.VerifyAnalyzerAsync(NoCacheHelpers + """
        static class Api
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = "application/json";
                Headers.SetNoCache(context.Response);
            }
        }
        """);

    [Fact]
    public Task SameHelper_OnAnotherResponseThanTheEventStream_IsNotReported() => CloseVerify.VerifyAnalyzerAsync(NoCacheHelpers + """
        static class Feed
        {
            public static void Start(HttpContext events, HttpContext download)
            {
                events.Response.ContentType = "text/event-stream";
                Headers.SetNoCache(download.Response);
            }
        }
        """);

    [Fact]
    public Task HelperTakingTheHttpContext_IsReportedOnItsResponse() => LengthVerify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = "text/event-stream";
                {|#0:Prepare(context)|};
            }

            private static void Prepare(HttpContext http) => http.Response.ContentLength = 0;
        }
        """,
        LengthVerify.Diagnostic("SSE1002", 0).WithArguments("context.Response", " via Prepare"));

    [Fact]
    public Task HelperTakingTheHttpContext_OnItsRequest_IsNotAboutTheResponse() => LengthVerify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = "text/event-stream";
                Check(context);
            }

            private static void Check(HttpContext http) => http.Request.ContentLength = 0;
        }
        """);

    [Fact]
    public Task ExtensionMethod_IsFollowed() => CloseVerify.VerifyAnalyzerAsync("""
        static class ResponseExtensions
        {
            public static HttpResponse WithoutKeepAlive(this HttpResponse response)
            {
                response.Headers.Append("Connection", "close");
                return response;
            }
        }

        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = "text/event-stream";
                {|#0:context.Response.WithoutKeepAlive()|};
            }
        }
        """,
        CloseVerify.Diagnostic("SSE1001", 0).WithArguments("context.Response", " via WithoutKeepAlive"));

    [Fact]
    public Task LocalFunction_CapturingTheContext_IsFollowed() => CloseVerify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = "text/event-stream";
                {|#0:CloseAfterwards()|};

                void CloseAfterwards() => context.Response.Headers.Connection = "close";
            }
        }
        """,
        CloseVerify.Diagnostic("SSE1001", 0).WithArguments("context.Response", " via CloseAfterwards"));

    [Fact]
    public Task LocalFunction_TakingTheResponse_IsFollowed() => LengthVerify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpListenerResponse response)
            {
                response.ContentType = "text/event-stream";
                response.SendChunked = true;
                {|#0:Size(response, 10)|};

                static void Size(HttpListenerResponse r, long length) => r.ContentLength64 = length;
            }
        }
        """,
        LengthVerify.Diagnostic("SSE1002", 0).WithArguments("response", " via Size"));

    [Fact]
    public Task LambdaInALocal_IsFollowed() => CloseVerify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                Action<HttpResponse> noKeepAlive = r => r.Headers.Connection = "close";
                context.Response.ContentType = "text/event-stream";
                {|#0:noKeepAlive(context.Response)|};
            }
        }
        """,
        CloseVerify.Diagnostic("SSE1001", 0).WithArguments("context.Response", " via noKeepAlive"));

    [Fact]
    public Task MinimalApiLambda_CallingAHelper_IsReportedInTheLambda() => CloseVerify.VerifyAnalyzerAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Routing;

        """ + NoCacheHelpers + """
        static class Feeds
        {
            public static void Map(IEndpointRouteBuilder app) =>
                app.MapGet("/events", async (HttpContext ctx) =>
                {
                    ctx.Response.ContentType = "text/event-stream";
                    {|#0:Headers.SetNoCache(ctx.Response)|};
                    await ctx.Response.WriteAsync("data: tick\n\n");
                });
        }
        """,
        CloseVerify.Diagnostic("SSE1001", 0).WithArguments("ctx.Response", " via SetNoCache → SetHeaders"));

    [Fact]
    public Task ControllerHelper_OnItsOwnResponse_IsFollowed() => CloseVerify.VerifyAnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        public sealed class FeedController : ControllerBase
        {
            [HttpGet("/feed")]
            public void Get()
            {
                Response.ContentType = "text/event-stream";
                {|#0:DisableKeepAlive()|};
            }

            private void DisableKeepAlive() => Response.Headers.Connection = "close";
        }
        """,
        CloseVerify.Diagnostic("SSE1001", 0).WithArguments("Response", " via DisableKeepAlive"));

    [Fact]
    public Task HelperMakingTheEventStream_MakesTheCallersContentLengthWrong() => LengthVerify.VerifyCodeFixAsync("""
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                BeginEvents(context.Response);
                {|SSE1002:context.Response.ContentLength = 100|};
            }

            private static void BeginEvents(HttpResponse response)
            {
                response.ContentType = "text/event-stream";
                response.Headers.CacheControl = "no-cache";
            }
        }
        """, """
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                BeginEvents(context.Response);
            }

            private static void BeginEvents(HttpResponse response)
            {
                response.ContentType = "text/event-stream";
                response.Headers.CacheControl = "no-cache";
            }
        }
        """);

    [Fact]
    public Task HelperDoingBoth_IsReportedInsideTheHelperOnly() => CloseVerify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context) => Begin(context.Response);

            private static void Begin(HttpResponse response)
            {
                response.ContentType = "text/event-stream";
                {|SSE1001:response.Headers.Connection = "close"|};
            }
        }
        """);

    [Fact]
    public Task HelperChoosingStreamOrClose_IsNotReportedAtTheCall() => CloseVerify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context, bool events) => Begin(context.Response, events);

            private static void Begin(HttpResponse response, bool events)
            {
                if (events)
                {
                    response.ContentType = "text/event-stream";
                }
                else
                {
                    response.Headers.Connection = "close";
                }
            }
        }
        """);

    [Fact]
    public Task RecursiveHelpers_Terminate_AndReportOnce() => CloseVerify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = "text/event-stream";
                {|#0:Ping(context.Response, 3)|};
            }

            private static void Ping(HttpResponse response, int n)
            {
                if (n > 0)
                {
                    Pong(response, n - 1);
                }

                response.Headers.Connection = "close";
            }

            private static void Pong(HttpResponse response, int n) => Ping(response, n);
        }
        """,
        CloseVerify.Diagnostic("SSE1001", 0).WithArguments("context.Response", " via Ping"));

    [Fact]
    public Task ThreeCallsDeep_IsReported() => CloseVerify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = "text/event-stream";
                {|#0:One(context.Response)|};
            }

            private static void One(HttpResponse r) => Two(r);

            private static void Two(HttpResponse r) => Three(r);

            private static void Three(HttpResponse r) => r.Headers.Connection = "close";
        }
        """,
        CloseVerify.Diagnostic("SSE1001", 0).WithArguments("context.Response", " via One → Two → Three"));

    [Fact]
    public Task FourCallsDeep_IsBeyondTheBound_AndNotReported() => CloseVerify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = "text/event-stream";
                One(context.Response);
            }

            private static void One(HttpResponse r) => Two(r);

            private static void Two(HttpResponse r) => Three(r);

            private static void Three(HttpResponse r) => Four(r);

            private static void Four(HttpResponse r) => r.Headers.Connection = "close";
        }
        """);

    [Fact]
    public Task HelperClosingAnotherParameterOrItsOwnResponse_IsNotAboutTheEventStream() => CloseVerify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context, HttpContext other)
            {
                context.Response.ContentType = "text/event-stream";
                Touch(context, other);
            }

            private static void Touch(HttpContext events, HttpContext other)
            {
                HttpResponse theirs = other.Response;
                theirs.Headers.Connection = "close";
                HttpResponse mine = new DefaultHttpContext().Response;
                mine.Headers.Connection = "close";
            }
        }
        """);
}
