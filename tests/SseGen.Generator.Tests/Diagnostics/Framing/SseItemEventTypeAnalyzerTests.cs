using Xunit;
using Verify = SseGen.Generator.Tests.Diagnostics.Framing.FramingVerifier<
    SseGen.Generator.Diagnostics.Framing.SseItemEventTypeAnalyzer,
    SseGen.CodeFixes.RemoveListItemCodeFix>;

namespace SseGen.Generator.Tests.Diagnostics.Framing;

public sealed class SseItemEventTypeAnalyzerTests
{
    private const string Items = """
        public sealed record Tick(int Count);

        static class Source
        {
            public static async IAsyncEnumerable<System.Net.ServerSentEvents.SseItem<Tick>> Ticks()
            {
                await Task.Yield();
                yield return new System.Net.ServerSentEvents.SseItem<Tick>(new Tick(1), "tick");
            }

            public static async IAsyncEnumerable<Tick> Plain()
            {
                await Task.Yield();
                yield return new Tick(1);
            }
        }

        """;

    [Fact]
    public Task TypedResults_WithEventType_OverSseItems_IsReported_AndTheArgumentDropped() => Verify.VerifyCodeFixAsync(Items + """
        static class Feed
        {
            public static IResult Get() => TypedResults.ServerSentEvents(Source.Ticks(), {|SSE1007:"tick"|});
        }
        """, Items + """
        static class Feed
        {
            public static IResult Get() => TypedResults.ServerSentEvents(Source.Ticks());
        }
        """);

    [Fact]
    public Task Results_WithNamedNullEventType_IsReported_BecauseNullStillSelectsTheOverload() => Verify.VerifyCodeFixAsync(Items + """
        static class Feed
        {
            public static IResult Get() => Results.ServerSentEvents(Source.Ticks(), {|SSE1007:eventType: null|});
        }
        """, Items + """
        static class Feed
        {
            public static IResult Get() => Results.ServerSentEvents(Source.Ticks());
        }
        """);

    [Fact]
    public Task ExplicitTypeArgument_SelectingTheOverload_IsReported_WithoutAFix() => Verify.VerifyAnalyzerAsync(Items + """
        static class Feed
        {
            public static IResult Get() => {|SSE1007:TypedResults.ServerSentEvents<System.Net.ServerSentEvents.SseItem<Tick>>(Source.Ticks())|};
        }
        """);

    [Fact]
    public Task MessageNamesTheCallAndTheDataType() => Verify.VerifyAnalyzerAsync(
        Items + """
        static class Feed
        {
            public static IResult Get() => TypedResults.ServerSentEvents(Source.Ticks(), {|#0:"tick"|});
        }
        """,
        Verify.Diagnostic("SSE1007", 0).WithArguments("TypedResults.ServerSentEvents", "Tick"));

    [Fact]
    public Task SseItemOverload_PlainValuesWithEventType_AndStrings_AreNotReported() => Verify.VerifyAnalyzerAsync(Items + """
        static class Feed
        {
            public static IResult Items() => TypedResults.ServerSentEvents(Source.Ticks());
            public static IResult Values() => TypedResults.ServerSentEvents(Source.Plain(), "tick");
            public static IResult Text(IAsyncEnumerable<string> lines) => Results.ServerSentEvents(lines, "line");
            public static IResult TextItems(IAsyncEnumerable<System.Net.ServerSentEvents.SseItem<string>> items) => TypedResults.ServerSentEvents(items);
        }
        """);

    [Fact]
    public Task AMethodOfTheSameNameElsewhere_IsNotReported() => Verify.VerifyAnalyzerAsync(Items + """
        static class Other
        {
            public static object ServerSentEvents<T>(IAsyncEnumerable<T> values, string? eventType = null) => values;
            public static object Get() => ServerSentEvents(Source.Ticks(), "tick");
        }
        """);
}
