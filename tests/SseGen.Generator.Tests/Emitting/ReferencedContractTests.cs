using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SseGen.Generator.Emitting;
using SseGen.Generator.Tests.Infrastructure;
using SseGen.TestSupport;
using Xunit;

namespace SseGen.Generator.Tests.Emitting;

/// <summary>
/// A contract project that references SseGen's attributes alone (no ASP.NET Core, no server runtime) lists its contracts,
/// and a server that references it maps them to the implementations it registers, with its own endpoints.
/// </summary>
public sealed class ReferencedContractTests
{
    internal const string Contract = """
        using System.Collections.Generic;
        using System.Threading;
        using SseGen;

        namespace Shop.Contracts;

        public sealed record Price(string Symbol, decimal Value);

        public interface IPrices
        {
            [SseEndpoint("/prices/{symbol}", EventType = "price", HeartbeatSeconds = 10)]
            IAsyncEnumerable<Price> Watch(string symbol, int? limit, [LastEventId] string? lastEventId, CancellationToken ct);

            [SseEndpoint("/prices/news")]
            IAsyncEnumerable<string> News(CancellationToken ct);
        }
        """;

    internal const string Server = """
        namespace Shop.Server;

        public sealed class Prices : Shop.Contracts.IPrices
        {
            public IAsyncEnumerable<Shop.Contracts.Price> Watch(string symbol, int? limit, string? lastEventId, CancellationToken ct) => throw new NotImplementedException();

            public IAsyncEnumerable<string> News(CancellationToken ct) => throw new NotImplementedException();
        }

        public static class Startup
        {
            public static void Map(WebApplication app) =>
                app.MapGroup("/shop").MapSseEndpoints(sse => sse.IPrices.Watch.WithName("prices")).RequireAuthorization();
        }
        """;

    /// <summary>The contract project, compiled as its own project would be: against .NET and SseGen.Abstractions only.</summary>
    internal static CSharpCompilation ContractProject(string source = Contract, string assemblyName = "Shop.Contracts") =>
        CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, TestCompilation.ParseOptions, path: "Contract.cs")],
            FrameworkReferences.ContractOnly,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    [Fact]
    public void ContractProject_GetsNoEndpoints_OnlyTheAttributeListingItsContracts()
    {
        (Compilation output, GeneratorDriverRunResult run) = GeneratorRunner.Run(ContractProject());

        GeneratedSourceResult listing = Assert.Single(run.Results.Single().GeneratedSources);
        Assert.Equal(ContractAssemblyEmitter.HintName, listing.HintName);
        Assert.Contains("[assembly: global::SseGen.SseContractAssemblyAttribute(", listing.SourceText.ToString(), StringComparison.Ordinal);
        Assert.Contains("typeof(global::Shop.Contracts.IPrices))]", listing.SourceText.ToString(), StringComparison.Ordinal);
        GeneratorSnapshot.AssertCompilesWithoutWarnings(output);
        Assert.DoesNotContain(output.References, r => r.Display?.Contains("Microsoft.AspNetCore", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void ContractProjectWithoutContracts_ListsNothing()
    {
        (_, GeneratorDriverRunResult run) = GeneratorRunner.Run(ContractProject("namespace Shop.Contracts; public sealed record Price(string Symbol);"));

        Assert.Empty(run.Results.Single().GeneratedSources);
    }

    [Fact]
    public void ProjectThatMapsItsOwnContract_DoesNotListIt_ItsMapperMapsIt()
    {
        (_, GeneratorDriverRunResult run) = GeneratorRunner.Run(TestCompilation.Create(Contract.Replace("using SseGen;", "using SseGen;\nusing System;", StringComparison.Ordinal)));

        Assert.DoesNotContain(run.Results.Single().GeneratedSources, s => s.HintName == ContractAssemblyEmitter.HintName);
        Assert.Contains(run.Results.Single().GeneratedSources, s => s.HintName == AssemblyMapperEmitter.HintName);
    }

    [Fact]
    public Task Server_MapsTheReferencedContract_FromTheImplementationItRegisters() =>
        GeneratorSnapshot.VerifyAsync(ServerOf(Server, ContractReference()));

    [Fact]
    public void ServerWithEndpointsOfItsOwn_MapsBoth_ButItsPublicMapperOnlyItsOwn()
    {
        (Compilation output, GeneratorDriverRunResult run) = GeneratorRunner.Run(ServerOf(Server + """

            public static class Feeds
            {
                [SseEndpoint("/shop/status")]
                public static IAsyncEnumerable<string> Status() => throw new NotImplementedException();
            }
            """, ContractReference()));

        string map = Source(run, MapExtensionsEmitter.HintName);
        Assert.Contains("global::Shop.Contracts.IPrices_Watch_SseEndpoint", map, StringComparison.Ordinal);
        Assert.Contains("global::Shop.Server.Feeds_Status_SseEndpoint", map, StringComparison.Ordinal);

        // An app referencing this server and (through it) the contract maps the contract itself: the mapper must not too.
        string mapper = Source(run, AssemblyMapperEmitter.HintName);
        Assert.DoesNotContain("IPrices", mapper, StringComparison.Ordinal);
        Assert.Contains("Feeds_Status_SseEndpoint", mapper, StringComparison.Ordinal);
        GeneratorSnapshot.AssertCompilesWithoutWarnings(output);
    }

    [Fact]
    public void ServerWithTheClientScript_GivesTheReferencedContractsEndpoints_AClientBesideItsOwn()
    {
        // The server maps the contract's endpoints as its own, so a front end served by it calls them there too.
        (Compilation output, GeneratorDriverRunResult run) = GeneratorRunner.Run(
            ServerOf(Server + """

                public static class Feeds
                {
                    [SseEndpoint("/shop/status")]
                    public static IAsyncEnumerable<string> Status() => throw new NotImplementedException();
                }
                """, ContractReference()),
            BuildProperties.ClientScript);

        string script = Source(run, ClientScriptEmitter.HintName);
        Assert.Contains("/shop/status", script, StringComparison.Ordinal);
        Assert.Contains("/prices/", script, StringComparison.Ordinal);
        Assert.Contains("/prices/news", script, StringComparison.Ordinal);
        Assert.Contains("price: json", script, StringComparison.Ordinal);
        GeneratorSnapshot.AssertCompilesWithoutWarnings(output);
    }

    [Fact]
    public void ProjectWithAClientOfTheContract_CallsItsServer_AndMapsNoneOfIt()
    {
        const string gateway = """
            using System.Text.Json.Serialization;
            using SseGen.Client;

            namespace Shop.Gateway;

            [JsonSerializable(typeof(Shop.Contracts.Price))]
            internal sealed partial class UpstreamJson : JsonSerializerContext
            {
                // System.Text.Json's generator does not run in these compilations: its members by hand, so the client compiles.
                public UpstreamJson() : base(null) { }

                public static UpstreamJson Default { get; } = new();

                protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;

                public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
            }

            [SseClient(typeof(Shop.Contracts.IPrices), JsonContext = typeof(UpstreamJson))]
            internal sealed partial class PricesClient;
            """;

        (Compilation output, GeneratorDriverRunResult run) = GeneratorRunner.Run(ServerOf(gateway, ContractReference()));

        string[] hints = [.. run.Results.Single().GeneratedSources.Select(s => s.HintName)];
        Assert.DoesNotContain(hints, h => h.StartsWith("Shop.Contracts.IPrices.", StringComparison.Ordinal));
        Assert.DoesNotContain("IPrices", Source(run, MapExtensionsEmitter.HintName), StringComparison.Ordinal);
        Assert.Contains(hints, h => h.Contains("PricesClient", StringComparison.Ordinal));
        GeneratorSnapshot.AssertCompilesWithoutWarnings(output);
        Assert.Empty(AnalyzerErrors(output));
    }

    [Fact]
    public void ServerWithoutAnImplementation_StillCompiles_AndItsStartupSaysWhatIsMissing()
    {
        (Compilation output, GeneratorDriverRunResult run) = GeneratorRunner.Run(ServerOf(
            "namespace Shop.Server; public static class Startup { public static void Map(WebApplication app) => app.MapSseEndpoints(); }",
            ContractReference()));

        // A contract has no constructor to fall back on: the endpoint checks at mapping that IPrices is registered.
        Assert.Contains("EnsureServices(services, \"Shop.Contracts.IPrices.Watch\", typeof(global::Shop.Contracts.IPrices))", Source(run, "Shop.Contracts.IPrices.Watch.g.cs"), StringComparison.Ordinal);
        GeneratorSnapshot.AssertCompilesWithoutWarnings(output);
    }

    [Fact]
    public async Task ServerEndpointOnTheContractsRoute_IsSSE0005_NamingTheContractMethod()
    {
        Compilation server = ServerOf("""
            namespace Shop.Server;

            public static class Feeds
            {
                [SseEndpoint("/prices/{name}")]
                public static IAsyncEnumerable<string> Quotes(string name) => throw new NotImplementedException();
            }
            """, ContractReference());

        Diagnostic clash = Assert.Single(await AnalyzerDiagnosticsAsync(server));
        Assert.Equal("SSE0005", clash.Id);
        Assert.True(clash.Location.IsInSource);
        Assert.Contains("'IPrices.Watch'", clash.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoReferencedContractsOnOneRoute_AreSSE0024()
    {
        MetadataReference other = GeneratorRunner.BuildLibrary(ContractProject("""
            using System.Collections.Generic;
            using SseGen;

            namespace Shop.Others;

            public interface IRivalPrices
            {
                [SseEndpoint("/prices/news")]
                IAsyncEnumerable<string> Headlines();
            }
            """, "Shop.Others"));

        Diagnostic clash = Assert.Single(await AnalyzerDiagnosticsAsync(ServerOf(Server, ContractReference(), other)));

        Assert.Equal("SSE0024", clash.Id);
        Assert.Equal(Location.None, clash.Location);
        Assert.Contains("/prices/news", clash.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InternalContract_IsSSE0024_AndNotMapped()
    {
        Compilation server = ServerOf(
            "namespace Shop.Server; public static class Startup { public static void Map(WebApplication app) => app.MapSseEndpoints(); }",
            GeneratorRunner.BuildLibrary(ContractProject(Contract.Replace("public interface IPrices", "internal interface IPrices", StringComparison.Ordinal))));

        Diagnostic diagnostic = Assert.Single(await AnalyzerDiagnosticsAsync(server));
        Assert.Equal("SSE0024", diagnostic.Id);
        Assert.Contains("not public", diagnostic.GetMessage(), StringComparison.Ordinal);
        (_, GeneratorDriverRunResult run) = GeneratorRunner.Run(server);
        Assert.DoesNotContain(run.Results.Single().GeneratedSources, s => s.HintName.StartsWith("Shop.Contracts.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidServer_HasNoDiagnostic()
    {
        Assert.Empty(await AnalyzerDiagnosticsAsync(ServerOf(Server, ContractReference())));
    }

    internal static MetadataReference ContractReference() => GeneratorRunner.BuildLibrary(ContractProject());

    private static Compilation ServerOf(string source, params MetadataReference[] contracts) =>
        TestCompilation.Create(source).WithAssemblyName("Shop.Server").AddReferences(contracts);

    private static string Source(GeneratorDriverRunResult run, string hintName) =>
        run.Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    private static async Task<ImmutableArray<Diagnostic>> AnalyzerDiagnosticsAsync(Compilation compilation) =>
        await compilation.WithAnalyzers(Analyzers.All).GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);

    private static Diagnostic[] AnalyzerErrors(Compilation compilation) =>
        [.. AnalyzerDiagnosticsAsync(compilation).GetAwaiter().GetResult().Where(d => d.Severity == DiagnosticSeverity.Error)];
}
