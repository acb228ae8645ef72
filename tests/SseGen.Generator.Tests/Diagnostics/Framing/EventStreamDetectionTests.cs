using Xunit;
using CloseVerify = SseGen.Generator.Tests.Diagnostics.Framing.FramingVerifier<
    SseGen.Generator.Diagnostics.Framing.ConnectionCloseAnalyzer,
    SseGen.CodeFixes.RemoveHeaderCodeFix>;
using LengthVerify = SseGen.Generator.Tests.Diagnostics.Framing.FramingVerifier<
    SseGen.Generator.Diagnostics.Framing.ContentLengthAnalyzer,
    SseGen.CodeFixes.RemoveHeaderCodeFix>;

namespace SseGen.Generator.Tests.Diagnostics.Framing;

/// <summary>
/// What makes a response an event stream for the head rules, beyond a literal content type: constants and static
/// readonly fields of other classes, MediaTypeNames.Text.EventStream, and the TypedResults/Results SSE results.
/// </summary>
public sealed class EventStreamDetectionTests
{
    private const string Ticks = """
        static class Source
        {
            public static async IAsyncEnumerable<string> Ticks()
            {
                await Task.Yield();
                yield return "tick";
            }
        }

        """;

    [Fact]
    public Task ConstInAnotherClass_MarksTheEventStream() => CloseVerify.VerifyAnalyzerAsync("""
        static class Media
        {
            public const string Events = "text/event-stream";
        }

        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = Media.Events;
                {|SSE1001:context.Response.Headers.Connection = "close"|};
            }
        }
        """);

    [Fact]
    public Task StaticReadonlyInAnotherClass_MarksTheEventStream() => LengthVerify.VerifyAnalyzerAsync("""
        public static class Media
        {
            public static readonly string Events = "text/event-stream; charset=utf-8";
        }

        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.Headers["Content-Type"] = Media.Events;
                {|SSE1002:context.Response.ContentLength = 10|};
            }
        }
        """);

    [Fact]
    public Task MediaTypeNamesEventStream_MarksTheEventStream() => CloseVerify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = System.Net.Mime.MediaTypeNames.Text.EventStream;
                {|SSE1001:context.Response.Headers.Connection = "close"|};
            }
        }
        """);

    [Fact]
    public Task StaticReadonlyNotInitializedWithALiteral_DoesNotMark() => CloseVerify.VerifyAnalyzerAsync("""
        public static class Media
        {
            public static readonly string Configured = Environment.GetEnvironmentVariable("MEDIA") ?? "text/event-stream";
        }

        static class Feed
        {
            public static void Start(HttpContext context)
            {
                context.Response.ContentType = Media.Configured;
                context.Response.Headers.Connection = "close";
            }
        }
        """);

    [Fact]
    public Task TypedResultsServerSentEvents_MarksTheHandlersHttpContext() => CloseVerify.VerifyAnalyzerAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Routing;

        """ + Ticks + """
        static class Feeds
        {
            public static void Map(IEndpointRouteBuilder app) =>
                app.MapGet("/events", (HttpContext ctx) =>
                {
                    {|SSE1001:ctx.Response.Headers.Connection = "close"|};
                    return TypedResults.ServerSentEvents(Source.Ticks());
                });
        }
        """);

    [Fact]
    public Task ResultsServerSentEvents_MarksTheHandlersHttpResponse() => LengthVerify.VerifyAnalyzerAsync(Ticks + """
        static class Feed
        {
            public static IResult Get(HttpResponse response)
            {
                {|SSE1002:response.ContentLength = 0|};
                return Results.ServerSentEvents(Source.Ticks(), eventType: "tick");
            }
        }
        """);

    [Fact]
    public Task ServerSentEventsFromAController_MarksItsResponse() => CloseVerify.VerifyAnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;

        """ + Ticks + """
        public sealed class FeedController : ControllerBase
        {
            [HttpGet("/feed")]
            public IResult Get()
            {
                {|SSE1001:Response.Headers.Connection = "close"|};
                return TypedResults.ServerSentEvents(Source.Ticks());
            }
        }
        """);

    [Fact]
    public Task HelperOnAServerSentEventsHandler_IsReportedAtTheCall() => CloseVerify.VerifyAnalyzerAsync(Ticks + """
        static class Feed
        {
            public static IResult Get(HttpContext context)
            {
                {|#0:NoKeepAlive(context.Response)|};
                return TypedResults.ServerSentEvents(Source.Ticks());
            }

            private static void NoKeepAlive(HttpResponse response) => response.Headers.Connection = "close";
        }
        """,
        CloseVerify.Diagnostic("SSE1001", 0).WithArguments("context.Response", " via NoKeepAlive"));

    [Fact]
    public Task JsonResult_DoesNotMark() => CloseVerify.VerifyAnalyzerAsync("""
        static class Api
        {
            public static IResult Get(HttpContext context)
            {
                context.Response.Headers.Connection = "close";
                return TypedResults.Json(new { ok = true });
            }
        }
        """);

    [Fact]
    public Task ServerSentEventsInABranchThatReturns_DoesNotMarkTheFallback() => CloseVerify.VerifyAnalyzerAsync(Ticks + """
        static class Feed
        {
            public static IResult Get(HttpContext context, bool stream)
            {
                if (stream)
                {
                    return TypedResults.ServerSentEvents(Source.Ticks());
                }

                context.Response.Headers.Connection = "close";
                return TypedResults.Ok();
            }
        }
        """);

    [Fact]
    public Task ServerSentEvents_DoesNotMarkTheResponseOfALambdaBesideIt() => CloseVerify.VerifyAnalyzerAsync(Ticks + """
        static class Feed
        {
            public static IResult Get(HttpContext download, bool stream)
            {
                IResult events = TypedResults.ServerSentEvents(Source.Ticks());
                Action<HttpContext> later = other => other.Response.Headers.Connection = "close";
                return events;
            }
        }
        """);
}
