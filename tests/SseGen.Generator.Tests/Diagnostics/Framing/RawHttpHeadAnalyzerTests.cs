using Xunit;
using Verify = SseGen.Generator.Tests.Diagnostics.Framing.FramingVerifier<
    SseGen.Generator.Diagnostics.Framing.RawHttpHeadAnalyzer,
    SseGen.CodeFixes.EditStringCodeFix>;

namespace SseGen.Generator.Tests.Diagnostics.Framing;

public sealed class RawHttpHeadAnalyzerTests
{
    [Fact]
    public Task HeadWithoutTransferEncoding_IsReportedAndFixed() => Verify.VerifyCodeFixAsync("""
        static class Server
        {
            public static async Task ServeAsync(NetworkStream stream)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes({|SSE1004:"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\r\n"|}));
            }
        }
        """, """
        static class Server
        {
            public static async Task ServeAsync(NetworkStream stream)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\nCache-Control: no-cache\r\n\r\n"));
            }
        }
        """);

    [Fact]
    public Task Http10Head_IsReportedAndFixed() => Verify.VerifyCodeFixAsync("""
        static class Server
        {
            public const string Head = {|SSE1004:"HTTP/1.0 200 OK\nContent-Type: text/event-stream; charset=utf-8\nTransfer-Encoding: chunked\n\n"|};
        }
        """, """
        static class Server
        {
            public const string Head = "HTTP/1.1 200 OK\nContent-Type: text/event-stream; charset=utf-8\nTransfer-Encoding: chunked\n\n";
        }
        """);

    [Fact]
    public Task HeadWithConnectionClose_IsReportedAndFixed() => Verify.VerifyCodeFixAsync("""
        static class Server
        {
            public static ReadOnlySpan<byte> Head => {|SSE1004:"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"u8|};
        }
        """, """
        static class Server
        {
            public static ReadOnlySpan<byte> Head => "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"u8;
        }
        """);

    [Fact]
    public Task HeadWithContentLength_IsReportedAndFixed() => Verify.VerifyCodeFixAsync("""
        static class Server
        {
            public const string Head = {|SSE1004:"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\nContent-Length: 1000\r\n\r\n"|};
        }
        """, """
        static class Server
        {
            public const string Head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
        }
        """);

    [Fact]
    public Task InterpolatedHead_IsReportedAndFixedInItsText() => Verify.VerifyCodeFixAsync("""
        static class Server
        {
            public static string Head(string requestId) =>
                $"{|SSE1004:HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nX-Request-Id: |}{requestId}\r\n\r\n";
        }
        """, """
        static class Server
        {
            public static string Head(string requestId) =>
                $"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\nX-Request-Id: {requestId}\r\n\r\n";
        }
        """);

    [Fact]
    public Task ConcatenatedHttp10Head_ReportsEachProblemWhereItIs() => Verify.VerifyCodeFixAsync("""
        static class Server
        {
            public const string Head =
                {|SSE1004:"HTTP/1.0 200 OK\r\n"|} +
                {|SSE1004:"Content-Type: text/event-stream\r\n"|} +
                "\r\n";
        }
        """, """
        static class Server
        {
            public const string Head =
                "HTTP/1.1 200 OK\r\n" +
                "Content-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n" +
                "\r\n";
        }
        """);

    [Fact]
    public Task RawStringHead_IsFixedKeepingItsIndentation() => Verify.VerifyCodeFixAsync(""""
        static class Server
        {
            public const string Head = {|SSE1004:{|SSE1004:"""
                HTTP/1.1 200 OK
                Content-Type: text/event-stream
                Connection: close

                """|}|};
        }
        """", """"
        static class Server
        {
            public const string Head = """
                HTTP/1.1 200 OK
                Content-Type: text/event-stream
                Transfer-Encoding: chunked

                """;
        }
        """");

    [Fact]
    public Task Message_NamesTheMethodTheProblemAndTheFix() => Verify.VerifyAnalyzerAsync("""
        static class Server
        {
            public static byte[] Head() => Encoding.ASCII.GetBytes({|#0:"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n"|});
        }
        """,
        Verify.Diagnostic("SSE1004", 0).WithArguments("Server.Head", "lacks 'Transfer-Encoding: chunked'", "add it and send the body in chunks"));

    [Fact]
    public Task ChunkedHead_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Server
        {
            public const string Head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\nCache-Control: no-cache\r\n\r\n";

            public static ValueTask WriteHeadAsync(Stream stream) => SseGen.SseHttpHead.WriteAsync(stream);
        }
        """);

    [Fact]
    public Task Http10JsonHead_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Server
        {
            public const string Head = "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}";
        }
        """);

    [Fact]
    public Task HeaderTextWithoutStatusLine_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Docs
        {
            public const string Note = "Content-Type: text/event-stream\r\nConnection: close";
            public const string Log = "HTTP/1.0 200 OK";
        }
        """);

    [Fact]
    public Task InterpolatedConstant_ReadsAsItsText_AsInAConcatenation() => Verify.VerifyAnalyzerAsync("""
        static class Server
        {
            private const string MediaType = "text/event-stream";

            public static string Head(string requestId) =>
                {|SSE1004:$"HTTP/1.1 200 OK\r\nContent-Type: {MediaType}\r\nX-Request-Id: {requestId}\r\n\r\n"|};
        }
        """);

    [Fact]
    public Task HeadBuiltWithStringConcat_ReportsEachProblemInItsArgument() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static string Head(string type) => string.Concat({|SSE1004:"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"|}, {|SSE1004:"Connection: close\r\n\r\n"|});
        }
        """);
}
