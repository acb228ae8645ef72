using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SseGen.Generator.Emitting;
using SseGen.Generator.Tests.Infrastructure;
using Xunit;

namespace SseGen.Generator.Tests.Emitting;

/// <summary>Endpoints declared in a class library are mapped by the <c>MapSseEndpoints</c> of the application that references it.</summary>
public sealed class LibraryEndpointTests
{
    private const string LibraryFeeds = """
        namespace MyCompany.Feeds;

        public static class Clock
        {
            [SseEndpoint("/library/ticks")]
            public static IAsyncEnumerable<string> Ticks() => throw new NotImplementedException();
        }
        """;

    private const string HostFeeds = """
        namespace MyApp;

        public static class Feeds
        {
            [SseEndpoint("/ticks")]
            public static IAsyncEnumerable<string> Ticks() => throw new NotImplementedException();
        }

        public static class Startup
        {
            public static void Map(WebApplication app) =>
                app.MapGroup("/secure").MapSseEndpoints(sse => sse.Feeds.Ticks.WithName("ticks")).RequireAuthorization();
        }
        """;

    [Fact]
    public Task Library_GetsAPublicMapperOfItsOwnEndpoints_AndTheAssemblyAttributeNamingIt() =>
        GeneratorSnapshot.VerifyAsync(Library("MyCompany.Feeds", LibraryFeeds));

    [Fact]
    public Task Host_MapsItsOwnEndpoints_ThenCallsTheLibrarysMapperWithItsGroup() =>
        GeneratorSnapshot.VerifyAsync(TestCompilation.Create(HostFeeds).AddReferences(GeneratorRunner.BuildLibrary(Library("MyCompany.Feeds", LibraryFeeds))));

    [Fact]
    public void HostWithoutEndpoints_StillGetsAMapExtensionThatMapsTheLibrary()
    {
        Compilation host = TestCompilation.Create("namespace MyApp; public static class Startup { public static void Map(WebApplication app) => app.MapSseEndpoints(); }")
            .AddReferences(GeneratorRunner.BuildLibrary(Library("MyCompany.Feeds", LibraryFeeds)));

        (Compilation output, GeneratorDriverRunResult run) = GeneratorRunner.Run(host);

        GeneratedSourceResult map = Assert.Single(run.Results.Single().GeneratedSources);
        Assert.Equal(MapExtensionsEmitter.HintName, map.HintName);
        Assert.Contains("global::SseGen.Generated.MyCompany_Feeds_SseEndpoints.MapEndpoints(group);", map.SourceText.ToString(), StringComparison.Ordinal);
        GeneratorSnapshot.AssertCompilesWithoutWarnings(output);
    }

    [Fact]
    public void ProjectWithoutEndpointsOrLibraries_GetsTheEmptyMapExtensionAsBefore_AndNoMapper()
    {
        (_, GeneratorDriverRunResult run) = GeneratorRunner.Run(TestCompilation.Create("namespace MyApp; public sealed class Nothing { }"));

        GeneratedSourceResult map = Assert.Single(run.Results.Single().GeneratedSources);
        Assert.Equal(MapExtensionsEmitter.HintName, map.HintName);
        Assert.DoesNotContain("MapEndpoints(", map.SourceText.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("referenced", map.SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LibraryReferencedDirectlyAndThroughAnother_IsMappedOnce_AndLibrariesInOrdinalOrder()
    {
        MetadataReference clock = GeneratorRunner.BuildLibrary(Library("Zeta.Clock", LibraryFeeds));
        MetadataReference chat = GeneratorRunner.BuildLibrary(Library("Alpha.Chat", """
            namespace Alpha.Chat;

            public static class Rooms
            {
                [SseEndpoint("/library/rooms")]
                public static IAsyncEnumerable<string> Messages() => throw new NotImplementedException();
            }
            """).AddReferences(clock));
        Compilation host = TestCompilation.Create(HostFeeds).AddReferences(clock, chat);

        (Compilation output, GeneratorDriverRunResult run) = GeneratorRunner.Run(host);

        string map = run.Results.Single().GeneratedSources.Single(s => s.HintName == MapExtensionsEmitter.HintName).SourceText.ToString();
        string[] calls = map.Split('\n').Select(l => l.Trim()).Where(l => l.EndsWith(".MapEndpoints(group);", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["global::SseGen.Generated.Alpha_Chat_SseEndpoints.MapEndpoints(group);", "global::SseGen.Generated.Zeta_Clock_SseEndpoints.MapEndpoints(group);"], calls);
        GeneratorSnapshot.AssertCompilesWithoutWarnings(output);
    }

    [Fact]
    public void LibrarysMapper_MapsNoneOfTheAssembliesItReferences()
    {
        MetadataReference clock = GeneratorRunner.BuildLibrary(Library("Zeta.Clock", LibraryFeeds));
        CSharpCompilation chat = Library("Alpha.Chat", """
            namespace Alpha.Chat;

            public static class Rooms
            {
                [SseEndpoint("/library/rooms")]
                public static IAsyncEnumerable<string> Messages() => throw new NotImplementedException();
            }
            """).AddReferences(clock);

        (_, GeneratorDriverRunResult run) = GeneratorRunner.Run(chat);

        string mapper = run.Results.Single().GeneratedSources.Single(s => s.HintName == AssemblyMapperEmitter.HintName).SourceText.ToString();
        Assert.DoesNotContain("Zeta", mapper, StringComparison.Ordinal);
        string map = run.Results.Single().GeneratedSources.Single(s => s.HintName == MapExtensionsEmitter.HintName).SourceText.ToString();
        Assert.Contains("global::SseGen.Generated.Zeta_Clock_SseEndpoints.MapEndpoints(group);", map, StringComparison.Ordinal);
    }

    [Fact]
    public void AssemblyWithoutAspNetCoreRouting_GetsNoMapper()
    {
        Compilation library = Library("MyCompany.Feeds", LibraryFeeds)
            .RemoveReferences(TestCompilation.References.Where(r => r.Display?.Contains("Microsoft.AspNetCore.Routing", StringComparison.Ordinal) == true));

        (_, GeneratorDriverRunResult run) = GeneratorRunner.Run(library);

        Assert.DoesNotContain(run.Results.Single().GeneratedSources, s => s.HintName == AssemblyMapperEmitter.HintName);
    }

    private static CSharpCompilation Library(string assemblyName, string source) =>
        TestCompilation.Create(source).WithAssemblyName(assemblyName);
}
