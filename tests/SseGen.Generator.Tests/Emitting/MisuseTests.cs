using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SseGen.Generator.Diagnostics;
using SseGen.Generator.Tests.Infrastructure;
using Xunit;

namespace SseGen.Generator.Tests.Emitting;

/// <summary>A misused method gets no generated code, so the analyzer's diagnostic is the only message the user sees.</summary>
public sealed class MisuseTests
{
    public static TheoryData<string, string> Misuses() => new()
    {
        { "SSE0001", "[SseEndpoint(\"/m\")] public static string M() => \"\";" },
        { "SSE0002", "[SseEndpoint(\"/m\")] public static IAsyncEnumerable<T> M<T>() => throw new NotImplementedException();" },
        { "SSE0003", "[SseEndpoint(\"/m\")] public static IAsyncEnumerable<string> M([FromBody] string body) => throw new NotImplementedException();" },
        { "SSE0004", "[SseEndpoint(\"/m/{x\")] public static IAsyncEnumerable<string> M() => throw new NotImplementedException();" },
        { "SSE0006", "[SseEndpoint(\"/m\", EventType = \"a\\nb\")] public static IAsyncEnumerable<string> M() => throw new NotImplementedException();" },
        { "SSE0008", "[SseEndpoint(\"/m\")] public static IAsyncEnumerable<string> M([LastEventId] string? a, [LastEventId] string? b) => throw new NotImplementedException();" },
        { "SSE0009", "[SseEndpoint(\"/m\")] public static IAsyncEnumerable<string> M([LastEventId] int a) => throw new NotImplementedException();" },
        { "SSE0010", "[SseEndpoint(\"/m\")] private static IAsyncEnumerable<string> M() => throw new NotImplementedException();" },
        { "SSE0011", "[SseEndpoint(\"/m\", RetryMilliseconds = -2)] public static IAsyncEnumerable<string> M() => throw new NotImplementedException();" },
    };

    [Theory]
    [MemberData(nameof(Misuses))]
    public void MisusedMethod_GetsNoEndpoint_AndTheGeneratedCodeHasNoErrors(string rule, string method)
    {
        (Compilation output, GeneratorDriverRunResult run) = GeneratorRunner.Run(TestCompilation.Create(
            "namespace MyApp; public static class Feeds { " + method + " }"));

        GeneratedSourceResult map = Assert.Single(run.Results.Single().GeneratedSources);
        Assert.DoesNotContain("Feeds_M_", map.SourceText.ToString(), StringComparison.Ordinal);
        Assert.True(
            output.GetDiagnostics(TestContext.Current.CancellationToken).All(d => d.Location.SourceTree?.FilePath.Contains(".g.cs", StringComparison.Ordinal) != true),
            $"{rule}: generated code must not add errors of its own");
    }

    [Fact]
    public void UnionWithADuplicateEventName_GetsNoEndpoint()
    {
        (_, GeneratorDriverRunResult run) = GeneratorRunner.Run(TestCompilation.Create("""
            namespace MyApp;

            public abstract record ChatEvent;

            [SseEvent("said")] public sealed record Said : ChatEvent;

            [SseEvent("said")] public sealed record Shouted : ChatEvent;

            public static class Feeds
            {
                [SseEndpoint("/chat")]
                public static IAsyncEnumerable<ChatEvent> Chat() => throw new NotImplementedException();
            }
            """));

        Assert.Equal(["SseEndpointRouteBuilderExtensions.g.cs"], run.Results.Single().GeneratedSources.Select(s => s.HintName));
    }

    [Fact]
    public void UnionWithAConcreteTypeWithoutSseEvent_GetsNoEndpoint()
    {
        (_, GeneratorDriverRunResult run) = GeneratorRunner.Run(TestCompilation.Create("""
            namespace MyApp;

            public abstract record ChatEvent;

            [SseEvent("said")] public sealed record Said : ChatEvent;

            public sealed record Typing : ChatEvent;

            public static class Feeds
            {
                [SseEndpoint("/chat")]
                public static IAsyncEnumerable<ChatEvent> Chat() => throw new NotImplementedException();
            }
            """));

        Assert.Equal(["SseEndpointRouteBuilderExtensions.g.cs"], run.Results.Single().GeneratedSources.Select(s => s.HintName));
    }

    [Fact]
    public async Task UnionWithAConcreteTypeWithoutSseEventInTheBasesAssembly_IsReportedAndGetsNoEndpoint()
    {
        CSharpCompilation events = TestCompilation.Create("""
            namespace Events;

            public abstract record ChatEvent;

            [SseEvent("said")] public sealed record Said : ChatEvent;

            public sealed record Typing : ChatEvent;
            """).WithAssemblyName("Events");
        using var image = new MemoryStream();
        Assert.True(events.Emit(image, cancellationToken: TestContext.Current.CancellationToken).Success);
        CSharpCompilation app = TestCompilation.Create("""
            namespace MyApp;

            public static class Feeds
            {
                [SseEndpoint("/chat")]
                public static IAsyncEnumerable<Events.ChatEvent> Chat() => throw new NotImplementedException();
            }
            """).AddReferences(MetadataReference.CreateFromImage(image.ToArray()));

        (_, GeneratorDriverRunResult run) = GeneratorRunner.Run(app);
        ImmutableArray<Diagnostic> diagnostics = await app
            .WithAnalyzers([new EndpointUsageAnalyzer()])
            .GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["SseEndpointRouteBuilderExtensions.g.cs"], run.Results.Single().GeneratedSources.Select(s => s.HintName));
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("SSE0013", diagnostic.Id);
        Assert.Equal(
            "Give 'Events.Typing' an [SseEvent(\"name\")] or make it abstract: 'Feeds.Chat' streams 'Events.ChatEvent' as a typed union, and an item of a type without an event type would fail the stream at run time",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }
}
