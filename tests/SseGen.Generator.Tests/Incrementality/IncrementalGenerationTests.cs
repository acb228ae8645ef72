using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SseGen.Generator.Emitting;
using SseGen.Generator.Model;
using SseGen.Generator.Tests.Infrastructure;
using Xunit;

namespace SseGen.Generator.Tests.Incrementality;

/// <summary>The pipeline reuses its work: equal models stay cached, and no Roslyn object is kept in them.</summary>
public sealed class IncrementalGenerationTests
{
    private const string Feeds = """
        namespace MyApp;

        public sealed record Tick(int Number);

        public static class Feeds
        {
            [SseEndpoint("/ticks")]
            public static async IAsyncEnumerable<Tick> Ticks(int count, [EnumeratorCancellation] CancellationToken ct)
            {
                await Task.Yield();
                yield return new Tick(count);
            }

            [SseEndpoint("/chat/{room}")]
            public static IAsyncEnumerable<string> Chat(string room, [LastEventId] string? lastId) => throw new NotImplementedException();
        }
        """;

    private const string Library = """
        namespace MyCompany.Feeds;

        public static class Clock
        {
            [SseEndpoint("/library/ticks")]
            public static IAsyncEnumerable<string> Ticks() => throw new NotImplementedException();
        }
        """;

    // The endpoint the edits below touch, and how many endpoints Feeds declares.
    private const string Ticks = "MyApp.Feeds.Ticks.g.cs";
    private const int FeedsEndpoints = 2;

    private static readonly string[] TrackedSteps =
        [TrackingNames.Endpoints, TrackingNames.Routes, TrackingNames.CanMap, TrackingNames.ReferencedMappers, TrackingNames.AssemblyMapper,
            TrackingNames.ClientEndpoints, TrackingNames.JsonContract, TrackingNames.ClientScriptOptions];

    [Fact]
    public void SecondRun_OnTheSameCompilation_IsAllCached()
    {
        Compilation compilation = TestCompilation.Create(Feeds);

        GeneratorRunResult run = RunTwice(compilation, compilation.Clone());

        IncrementalGeneratorRunReasons.NothingToEmit.AssertOn(run, Ticks, FeedsEndpoints);
    }

    [Fact]
    public void CommentAdded_LeavesModelsUnchangedAndOutputsCached()
    {
        Compilation compilation = TestCompilation.Create(Feeds);

        GeneratorRunResult run = RunTwice(compilation, Edit(compilation, Feeds.Replace("public static class Feeds", "// Feeds of the app.\npublic static class Feeds", StringComparison.Ordinal)));

        IncrementalGeneratorRunReasons.NothingToEmit.AssertOn(run, Ticks, FeedsEndpoints);
    }

    [Fact]
    public void WhitespaceAndLinesAdded_LeaveModelsUnchangedAndOutputsCached()
    {
        Compilation compilation = TestCompilation.Create(Feeds);

        GeneratorRunResult run = RunTwice(compilation, Edit(compilation, "\n\n" + Feeds.Replace("    [SseEndpoint", "        [SseEndpoint", StringComparison.Ordinal)));

        IncrementalGeneratorRunReasons.NothingToEmit.AssertOn(run, Ticks, FeedsEndpoints);
    }

    [Fact]
    public void UnrelatedTypeAdded_LeavesOutputsCached()
    {
        Compilation compilation = TestCompilation.Create(Feeds);

        GeneratorRunResult run = RunTwice(compilation, compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace MyApp; public sealed class Unrelated { public int Value { get; set; } }", TestCompilation.ParseOptions, path: "Unrelated.cs", cancellationToken: TestContext.Current.CancellationToken)));

        IncrementalGeneratorRunReasons.NothingToEmit.AssertOn(run, Ticks, FeedsEndpoints);
    }

    [Fact]
    public void UnrelatedTypeInTheSameFileEdited_LeavesOutputsCached()
    {
        Compilation compilation = TestCompilation.Create(Feeds);

        GeneratorRunResult run = RunTwice(compilation, Edit(compilation, Feeds + "\npublic sealed class Unrelated { }\n"));

        IncrementalGeneratorRunReasons.NothingToEmit.AssertOn(run, Ticks, FeedsEndpoints);
    }

    [Fact]
    public void RouteEdited_RegeneratesThatEndpointAndTheMapOnly()
    {
        Compilation compilation = TestCompilation.Create(Feeds);

        GeneratorRunResult run = RunTwice(compilation, Edit(compilation, Feeds.Replace("\"/ticks\"", "\"/tick-tock\"", StringComparison.Ordinal)));

        IncrementalGeneratorRunReasons.RouteChanged.AssertOn(run, Ticks, FeedsEndpoints);
    }

    [Fact]
    public void EndpointBodyEdited_EmitsNothingAgain()
    {
        Compilation compilation = TestCompilation.Create(Feeds);

        GeneratorRunResult run = RunTwice(compilation, Edit(compilation, Feeds.Replace("yield return new Tick(count);", "yield return new Tick(count + 1);", StringComparison.Ordinal)));

        IncrementalGeneratorRunReasons.NothingToEmit.AssertOn(run, Ticks, FeedsEndpoints);
    }

    [Fact]
    public void AttributeSettingChanged_RegeneratesThatEndpointOnly()
    {
        Compilation compilation = TestCompilation.Create(Feeds);

        GeneratorRunResult run = RunTwice(compilation, Edit(compilation, Feeds.Replace("[SseEndpoint(\"/ticks\")]", "[SseEndpoint(\"/ticks\", EventType = \"tick\")]", StringComparison.Ordinal)));

        IncrementalGeneratorRunReasons.EndpointChanged.AssertOn(run, Ticks, FeedsEndpoints);
    }

    [Fact]
    public void PayloadPropertyAdded_RegeneratesThatEndpointAndTheClientOnly()
    {
        Compilation compilation = TestCompilation.Create(Feeds);

        GeneratorRunResult run = RunTwice(compilation, Edit(compilation, Feeds.Replace("record Tick(int Number)", "record Tick(int Number, string Label = \"\")", StringComparison.Ordinal)));

        IncrementalGeneratorRunReasons.PayloadChanged.AssertOn(run, Ticks, FeedsEndpoints);
        Assert.Contains("label: string;", run.GeneratedSources.Single(s => s.HintName == ClientScriptEmitter.HintName).SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void JsonOptionsAdded_RegenerateTheClientOnly()
    {
        Compilation compilation = TestCompilation.Create(Feeds);

        GeneratorRunResult run = RunTwice(compilation, compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace MyApp; [System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)] [System.Text.Json.Serialization.JsonSerializable(typeof(Tick))] internal sealed partial class AppJson : System.Text.Json.Serialization.JsonSerializerContext;",
            TestCompilation.ParseOptions,
            path: "AppJson.cs",
            cancellationToken: TestContext.Current.CancellationToken)));

        IncrementalGeneratorRunReasons.NothingToEmit.AssertOn(run, Ticks, FeedsEndpoints, clientScript: IncrementalStepRunReason.Modified);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Assert.Single(run.TrackedSteps[TrackingNames.JsonContract]).Outputs).Reason);
    }

    [Fact]
    public void SseEventTypeAddedInAnotherFile_JoinsTheUnion()
    {
        Compilation compilation = TestCompilation.Create("""
            namespace MyApp;

            public abstract record ChatEvent;

            [SseEvent("joined")]
            public sealed record Joined : ChatEvent;

            public static class Feeds
            {
                [SseEndpoint("/chat")]
                public static IAsyncEnumerable<ChatEvent> Chat() => throw new NotImplementedException();
            }
            """);
        GeneratorDriver driver = GeneratorRunner.CreateDriver(BuildProperties.ClientScript).RunGenerators(compilation, TestContext.Current.CancellationToken);

        GeneratorRunResult run = driver.RunGenerators(
            compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
                "namespace MyApp; [SseEvent(\"left\")] public sealed record Left : ChatEvent;",
                TestCompilation.ParseOptions,
                path: "Left.cs",
                cancellationToken: TestContext.Current.CancellationToken)),
            TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        var endpoint = (EndpointSpec)run.TrackedSteps[TrackingNames.Endpoints].Single().Outputs.Single().Value;
        Assert.Equal(["joined", "left"], endpoint.Items.Cases.Select(c => c.EventType).Order(StringComparer.Ordinal));
        Assert.Contains("\"left\"", run.GeneratedSources.Single(s => s.HintName == "MyApp.Feeds.Chat.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SecondRun_OfAHostReferencingALibrary_KeepsItsMappersCached()
    {
        Compilation host = HostOfLibrary();

        GeneratorRunResult run = RunTwice(host, host);

        IncrementalGeneratorRunReasons.SameCompilation.AssertOn(run, Ticks, FeedsEndpoints);
        Assert.Equal(["global::SseGen.Generated.MyCompany_Feeds_SseEndpoints"], (EquatableArray<string>)run.TrackedSteps[TrackingNames.ReferencedMappers].Single().Outputs.Single().Value);
    }

    [Fact]
    public void EditInAHostReferencingALibrary_LeavesItsMappersUnchangedAndOutputsCached()
    {
        Compilation host = HostOfLibrary();

        GeneratorRunResult run = RunTwice(host, Edit(host, Feeds.Replace("public static class Feeds", "// Feeds of the app.\npublic static class Feeds", StringComparison.Ordinal)));

        IncrementalGeneratorRunReasons.NothingToEmit.AssertOn(run, Ticks, FeedsEndpoints);
    }

    [Fact]
    public void EquivalentSources_GiveEqualModels()
    {
        EndpointSpec[] first = Models(TestCompilation.Create(Feeds));
        EndpointSpec[] second = Models(TestCompilation.Create(Feeds.Replace("\n", "\n\n", StringComparison.Ordinal)));

        Assert.Equal(2, first.Length);
        Assert.Equal(first, second);
        Assert.Equal(first.Select(m => m.GetHashCode()), second.Select(m => m.GetHashCode()));
    }

    [Fact]
    public void StepOutputs_HoldNoRoslynObjects()
    {
        GeneratorRunResult run = GeneratorRunner.CreateDriver(BuildProperties.ClientScript).RunGenerators(TestCompilation.Create(Feeds), TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        int walked = 0;
        foreach (string step in TrackedSteps)
        {
            foreach ((object value, _) in run.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                AssertNoRoslynObjects(value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
                walked++;
            }
        }

        Assert.Equal(9, walked);
    }

    [Fact]
    public void MisusedMethod_GetsNoGeneratedCode()
    {
        (_, GeneratorDriverRunResult run) = GeneratorRunner.Run(TestCompilation.Create("""
            namespace MyApp;

            public static class Feeds
            {
                [SseEndpoint("/bad")]
                public static string Bad() => "";

                [SseEndpoint("/good")]
                public static IAsyncEnumerable<string> Good() => throw new NotImplementedException();
            }
            """));

        string[] hintNames = run.Results.Single().GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["MyApp.Feeds.Good.g.cs", "SseEndpointAssemblyMapper.g.cs", "SseEndpointRouteBuilderExtensions.g.cs"], hintNames);
        Assert.All(run.Results.Single().GeneratedSources, s => Assert.DoesNotContain("Bad", s.SourceText.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void CompilationWithoutAspNetCoreRouting_GetsNoMapExtension()
    {
        Compilation compilation = TestCompilation.Create("namespace MyApp; public sealed class Nothing { }")
            .RemoveReferences(TestCompilation.References.Where(r => r.Display?.Contains("Microsoft.AspNetCore.Routing", StringComparison.Ordinal) == true));

        GeneratorRunResult run = GeneratorRunner.CreateDriver(BuildProperties.ClientScript).RunGenerators(compilation, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        Assert.Empty(run.GeneratedSources);
    }

    private static Compilation HostOfLibrary() =>
        TestCompilation.Create(Feeds).AddReferences(GeneratorRunner.BuildLibrary(TestCompilation.Create(Library).WithAssemblyName("MyCompany.Feeds")));

    private static GeneratorRunResult RunTwice(Compilation first, Compilation second)
    {
        GeneratorDriver driver = GeneratorRunner.CreateDriver(BuildProperties.ClientScript).RunGenerators(first);
        return driver.RunGenerators(second).GetRunResult().Results.Single();
    }

    private static Compilation Edit(Compilation compilation, string newFeeds)
    {
        SyntaxTree old = compilation.SyntaxTrees.First();
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(newFeeds, TestCompilation.ParseOptions, path: old.FilePath, cancellationToken: TestContext.Current.CancellationToken));
    }

    private static EndpointSpec[] Models(Compilation compilation) =>
        GeneratorRunner.CreateDriver(BuildProperties.ClientScript).RunGenerators(compilation).GetRunResult().Results.Single()
            .TrackedSteps[TrackingNames.Endpoints].SelectMany(s => s.Outputs).Select(o => (EndpointSpec)o.Value)
            .OrderBy(m => m.HintName, StringComparer.Ordinal).ToArray();

    private static void AssertNoRoslynObjects(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        // 'is' and not an exact type check: the Roslyn types are interfaces and abstract bases.
        Assert.False(
            value is ISymbol or Compilation or SemanticModel or SyntaxNode or SyntaxTree or Location or AttributeData or IOperation,
            $"{path} holds a {value.GetType().FullName}");
        if (!value.GetType().IsValueType && !visited.Add(value))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (object? item in items)
            {
                AssertNoRoslynObjects(item, $"{path}[{i++}]", visited);
            }

            return;
        }

        foreach (FieldInfo field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoRoslynObjects(field.GetValue(value), path + "." + field.Name, visited);
        }
    }
}
