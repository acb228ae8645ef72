using Xunit;
using Verify = SseGen.Generator.Tests.Diagnostics.Framing.FramingVerifier<
    SseGen.Generator.Diagnostics.Framing.CompressedEventStreamAnalyzer,
    SseGen.CodeFixes.RemoveListItemCodeFix>;

namespace SseGen.Generator.Tests.Diagnostics.Framing;

public sealed class CompressedEventStreamAnalyzerTests
{
    private const string HandWrittenStream = """

        static class Feed
        {
            public static async Task Stream(HttpContext context)
            {
                context.Response.ContentType = "text/event-stream";
                await context.Response.Body.WriteAsync(new byte[] { 1 });
            }
        }
        """;

    [Fact]
    public Task EventStreamInACollectionExpression_IsReported_AndRemoved() => Verify.VerifyCodeFixAsync("""
        static class Startup
        {
            public static System.Action<Microsoft.AspNetCore.ResponseCompression.ResponseCompressionOptions> Configure { get; } = o =>
                o.MimeTypes = [.. Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes, {|SSE1008:"text/event-stream"|}];
        }
        """ + HandWrittenStream, """
        static class Startup
        {
            public static System.Action<Microsoft.AspNetCore.ResponseCompression.ResponseCompressionOptions> Configure { get; } = o =>
                o.MimeTypes = [.. Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes];
        }
        """ + HandWrittenStream);

    [Fact]
    public Task EventStreamWithParametersInAnArray_IsReported_AndRemoved() => Verify.VerifyCodeFixAsync("""
        static class Startup
        {
            public static void Configure(Microsoft.AspNetCore.ResponseCompression.ResponseCompressionOptions o)
            {
                o.MimeTypes = new[] { "application/json", {|SSE1008:"Text/Event-Stream; charset=utf-8"|} };
            }
        }
        """ + HandWrittenStream, """
        static class Startup
        {
            public static void Configure(Microsoft.AspNetCore.ResponseCompression.ResponseCompressionOptions o)
            {
                o.MimeTypes = new[] { "application/json" };
            }
        }
        """ + HandWrittenStream);

    [Fact]
    public Task Wildcard_IsReported_WithTheExclusionToAdd_AndNoFix() => Verify.VerifyAnalyzerAsync(
        """
        static class Startup
        {
            public static void Configure(Microsoft.AspNetCore.ResponseCompression.ResponseCompressionOptions o)
            {
                o.MimeTypes = new[] { {|#0:"*/*"|} };
            }
        }
        """ + HandWrittenStream,
        Verify.Diagnostic("SSE1008", 0).WithArguments("*/*", "add \"text/event-stream\" to ExcludedMimeTypes"));

    [Fact]
    public Task Wildcard_WithEventStreamExcluded_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Startup
        {
            public static void Configure(Microsoft.AspNetCore.ResponseCompression.ResponseCompressionOptions o)
            {
                o.MimeTypes = new[] { "*/*" };
                o.ExcludedMimeTypes = new[] { "text/event-stream" };
            }
        }
        """ + HandWrittenStream);

    [Fact]
    public Task DefaultMimeTypes_AreNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Startup
        {
            public static void Configure(Microsoft.AspNetCore.ResponseCompression.ResponseCompressionOptions o)
            {
                o.MimeTypes = Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes;
            }
        }
        """ + HandWrittenStream);

    [Fact]
    public Task WithoutAHandWrittenEventStream_NothingIsReported() => Verify.VerifyAnalyzerAsync("""
        static class Startup
        {
            public static void Configure(Microsoft.AspNetCore.ResponseCompression.ResponseCompressionOptions o)
            {
                o.MimeTypes = new[] { "text/event-stream" };
            }
        }
        """);

    [Fact]
    public Task AStreamNamedThroughMediaTypeNames_Counts() => Verify.VerifyAnalyzerAsync("""
        static class Startup
        {
            public static void Configure(Microsoft.AspNetCore.ResponseCompression.ResponseCompressionOptions o)
            {
                o.MimeTypes = new[] { {|SSE1008:"text/event-stream"|} };
            }
        }

        static class Feed
        {
            public static void Start(HttpContext context) => context.Response.ContentType = System.Net.Mime.MediaTypeNames.Text.EventStream;
        }
        """);
}
