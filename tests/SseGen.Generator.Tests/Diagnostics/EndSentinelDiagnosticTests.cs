using Xunit;

namespace SseGen.Generator.Tests.Diagnostics;

/// <summary>SSE0023: an end sentinel must be one non-empty <c>data:</c> line, on an endpoint and on a contract alike.</summary>
public sealed class EndSentinelDiagnosticTests
{
    [Fact]
    public Task SSE0023_EmptySentinelOrOneWithALineBreak_IsReported() => AnalyzerTest.VerifyAsync("""
        public static class Feeds
        {
            [SseEndpoint("/a", {|SSE0023:EndSentinel = ""|})]
            public static IAsyncEnumerable<string> A() => throw new NotImplementedException();

            [SseEndpoint("/b", {|SSE0023:EndSentinel = "DONE\r\n"|})]
            public static IAsyncEnumerable<string> B() => throw new NotImplementedException();

            [SseEndpoint("/c", {|SSE0023:EndSentinel = "[DO\rNE]"|})]
            public static IAsyncEnumerable<string> C() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0023_OnAContractMethod_IsReported() => AnalyzerTest.VerifyAsync("""
        public sealed record Chunk(string Text);

        public interface ICompletions
        {
            [SseEndpoint("/completions", {|SSE0023:EndSentinel = "a\nb"|})]
            IAsyncEnumerable<Chunk> Stream(CancellationToken ct);
        }
        """);

    [Fact]
    public Task SSE0023_OneLineSentinels_AreAccepted() => AnalyzerTest.VerifyAsync("""
        public sealed record Chunk(string Text);

        public interface ICompletions
        {
            [SseEndpoint("/completions", EndSentinel = "[DONE]")]
            IAsyncEnumerable<Chunk> Stream(CancellationToken ct);
        }

        public static class Feeds
        {
            [SseEndpoint("/a", EndSentinel = " spaced: and \"quoted\" \0 ")]
            public static IAsyncEnumerable<string> A() => throw new NotImplementedException();

            [SseEndpoint("/b", EndSentinel = null)]
            public static IAsyncEnumerable<string> B() => throw new NotImplementedException();
        }
        """);
}
