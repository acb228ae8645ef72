using Xunit;
using Verify = SseGen.Generator.Tests.Diagnostics.Framing.FramingVerifier<
    SseGen.Generator.Diagnostics.Framing.UnsplitDataAnalyzer,
    SseGen.CodeFixes.EditStringCodeFix>;

namespace SseGen.Generator.Tests.Diagnostics.Framing;

public sealed class UnsplitDataAnalyzerTests
{
    [Fact]
    public Task InterpolatedStringData_IsReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static Task SendAsync(HttpResponse response, string message) =>
                response.WriteAsync($"data: {{|SSE1005:message|}}\n\n");
        }
        """);

    [Fact]
    public Task Fix_SplitsAStringValueIntoDataLines() => Verify.VerifyCodeFixAsync("""
        #nullable enable
        static class Feed
        {
            public static Task SendAsync(HttpResponse response, string message, string? note) =>
                response.WriteAsync($"data: {{|SSE1005:message|}}\ndata: {{|SSE1005:note|}}\n\n");
        }
        """, """
        #nullable enable
        static class Feed
        {
            public static Task SendAsync(HttpResponse response, string message, string? note) =>
                response.WriteAsync($"data: {string.Join("\ndata: ", message.Split(new[] { "\r\n", "\r", "\n" }, System.StringSplitOptions.None))}\ndata: {string.Join("\ndata: ", (note ?? string.Empty).Split(new[] { "\r\n", "\r", "\n" }, System.StringSplitOptions.None))}\n\n");
        }
        """);

    [Fact]
    public void SplitFixExpression_YieldsTheValueBackThroughSseParser()
    {
        const string value = "one\r\ntwo\rthree\nfour\n";
        string frame = $"data: {string.Join("\ndata: ", value.Split(new[] { "\r\n", "\r", "\n" }, StringSplitOptions.None))}\n\n";

        var parser = System.Net.ServerSentEvents.SseParser.Create(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(frame)));
        var item = Assert.Single(parser.Enumerate());

        Assert.Equal("one\ntwo\nthree\nfour\n", item.Data);
    }

    [Fact]
    public Task ConcatenatedData_IsReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static Task SendAsync(HttpResponse response, object message) =>
                response.WriteAsync("event: chat\ndata:" + {|SSE1005:message|} + "\n\n");
        }
        """);

    [Fact]
    public Task EveryValueOnADataLine_IsReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static byte[] Frame(string user, string text, int id) =>
                Encoding.UTF8.GetBytes($"id: {id}\ndata: {{|SSE1005:user|}}: {{|SSE1005:text|}}\n\n");
        }
        """);

    [Fact]
    public Task IndentedJson_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System.Text.Json;

        static class Feed
        {
            private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true };

            public static string Frame(object item) => $"data: {{|SSE1005:JsonSerializer.Serialize(item, Pretty)|}}\n\n";
        }
        """);

    [Fact]
    public Task Message_NamesTheValue() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static string Frame(Exception error) => $"event: error\ndata: {{|#0:error.Message|}}\n\n";
        }
        """,
        Verify.Diagnostic("SSE1005", 0).WithArguments("error.Message"));

    [Fact]
    public Task ConstantsAndNumbers_AreNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            private const string Greeting = "hello";

            public static string Frame(int count, Guid id, DateTimeOffset at, DayOfWeek day, double? price) =>
                $"data: {Greeting}\ndata: {count} {id} {at} {day} {price}\n\n";
        }
        """);

    [Fact]
    public Task ValueAlreadySplitIntoDataLines_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static string Frame(string message) =>
                $"data: {string.Join("\ndata: ", message.Split(new[] { "\r\n", "\r", "\n" }, StringSplitOptions.None))}\n\n";
        }
        """);

    [Fact]
    public Task CompactJson_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Text.Json;

        static class Feed
        {
            public static string Frame(object item) => $"data: {JsonSerializer.Serialize(item)}\n\n";
        }
        """);

    [Fact]
    public Task NumberOnTheIdLine_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static string Frame(long sequence) => $"event: tick\nid: {sequence}\ndata: ok\n\n";
        }
        """);

    [Fact]
    public Task TextAboutDataWithoutALineBreak_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Log
        {
            public static string Describe(string payload) => $"data: {payload}";
        }
        """);

    [Fact]
    public Task SseFrameWriter_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static void Write(System.Buffers.IBufferWriter<byte> output, string message) =>
                new SseGen.SseFrameWriter(output).WriteEvent(message.AsSpan());
        }
        """);

    [Fact]
    public Task StringFormat_DataHole_IsReported_AndSplit() => Verify.VerifyCodeFixAsync("""
        static class Feed
        {
            public static Task Send(Stream body, string message) =>
                body.WriteAsync(Encoding.UTF8.GetBytes(string.Format("event: note\ndata: {0}\n\n", {|SSE1005:message|}))).AsTask();
        }
        """, """
        static class Feed
        {
            public static Task Send(Stream body, string message) =>
                body.WriteAsync(Encoding.UTF8.GetBytes(string.Format("event: note\ndata: {0}\n\n", string.Join("\ndata: ", (message ?? string.Empty).Split(new[] { "\r\n", "\r", "\n" }, System.StringSplitOptions.None))))).AsTask();
        }
        """);

    [Fact]
    public Task StringFormat_WithProviderAndAlignment_PointsAtTheRightArgument() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static string Frame(int count, string message) =>
                string.Format(System.Globalization.CultureInfo.InvariantCulture, "id: {0}\ndata: {1,-10:G}\n\n", count, {|SSE1005:message|});
        }
        """);

    [Fact]
    public Task StringConcat_DataValue_IsReported_Once() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static string Frame(string message) => string.Concat("data: ", {|SSE1005:message|}, "\n\n");
            public static string Nested(string message) => string.Concat("data: " + {|SSE1005:message|}, "\n\n");
        }
        """);

    [Fact]
    public Task StringFormat_NotAFrame_AndSafeValues_AreNotReported() => Verify.VerifyAnalyzerAsync("""
        static class Feed
        {
            public static string Log(string message) => string.Format("data: {0}", message);
            public static string Count(int n) => string.Format("data: {0}\n\n", n);
            public static string Escaped(string message) => string.Format("{{data: {0}}}\n\n", message);
            public static string Variable(string format, string message) => string.Format(format, message);
        }
        """);
}
