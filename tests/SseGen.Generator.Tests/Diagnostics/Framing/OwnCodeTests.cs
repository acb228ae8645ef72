using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SseGen.Generator.Tests.Infrastructure;
using SseGen.TestSupport;
using Xunit;

namespace SseGen.Generator.Tests.Diagnostics.Framing;

/// <summary>The framing rules stay silent on SseGen's own runtime and sample, which frame streams correctly.</summary>
public sealed class OwnCodeTests
{
    [Fact]
    public async Task Runtime_HasNoFramingDiagnostics()
    {
        string runtime = Repository.PathOf("runtime", "SseGen");
        Assert.True(Directory.Exists(runtime), "runtime/SseGen not found at " + runtime);

        await AssertNoFramingDiagnosticsAsync(runtime, OutputKind.DynamicallyLinkedLibrary, withRuntimeReference: false);
    }

    [Fact]
    public async Task Sample_HasNoFramingDiagnostics()
    {
        string sample = Repository.PathOf("sample");
        Assert.True(Directory.Exists(sample), "sample/ not found at " + sample);

        await AssertNoFramingDiagnosticsAsync(sample, OutputKind.ConsoleApplication, withRuntimeReference: true);
    }

    private static async Task AssertNoFramingDiagnosticsAsync(string directory, OutputKind kind, bool withRuntimeReference)
    {
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        List<SyntaxTree> trees = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !path.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), options, path))
            .Append(CSharpSyntaxTree.ParseText(GlobalUsings.OwnCode, options, "ImplicitUsings.cs"))
            .ToList();
        Assert.True(trees.Count > 1, "no source files under " + directory);

        // The sample references the client package too (its gateway reads upstreams with SseClient).
        IEnumerable<MetadataReference> references = withRuntimeReference
            ? FrameworkReferences.All.Append(MetadataReference.CreateFromFile(typeof(SseGen.Client.SseClient).Assembly.Location))
            : FrameworkReferences.All.Where(reference => !string.Equals(reference.Display, FrameworkReferences.Runtime, StringComparison.Ordinal));
        CSharpCompilation compilation = CSharpCompilation.Create(
            "OwnCode",
            trees,
            references,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

        // With the generators the real build runs (JSON contracts, [LoggerMessage], SseGen's endpoints), every symbol
        // resolves: a rule that sees an error type could stay silent for the wrong reason.
        // SseGenClientScript as the sample's project sets it, so its MapSseClientScript resolves.
        CSharpGeneratorDriver.Create(SdkGenerators.Append(new SseEndpointGenerator().AsSourceGenerator()), additionalTexts: null, parseOptions: options, optionsProvider: BuildProperties.ClientScript)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out _, TestContext.Current.CancellationToken);
        Diagnostic[] errors = generated.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, "own code does not compile here:\n" + string.Join("\n", errors.Take(20)));
        compilation = (CSharpCompilation)generated;

        // The framing suggestions off by default (SSE1009) run too: own code must trip none of the rules.
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            Analyzers.Framing.SelectMany(analyzer => analyzer.SupportedDiagnostics)
                .Where(descriptor => !descriptor.IsEnabledByDefault)
                .ToImmutableDictionary(descriptor => descriptor.Id, _ => ReportDiagnostic.Warn)));

        var failures = new ConcurrentBag<string>();
        var analysis = compilation.WithAnalyzers(
            Analyzers.Framing,
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([]),
                (exception, analyzer, _) => failures.Add(analyzer.GetType().Name + ": " + exception),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false));

        ImmutableArray<Diagnostic> diagnostics = await analysis.GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);

        Assert.Empty(failures);
        Assert.True(diagnostics.IsEmpty, "framing diagnostics on own code:\n" + string.Join("\n", diagnostics));
    }

    /// <summary>The JSON and logging source generators of the SDK that runs the tests, as the build loads them.</summary>
    private static IEnumerable<ISourceGenerator> SdkGenerators
    {
        get
        {
            string packs = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "packs"));
            string version = Environment.Version.ToString(3);
            string[] paths =
            [
                Path.Combine(packs, "Microsoft.NETCore.App.Ref", version, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll"),
                Path.Combine(packs, "Microsoft.AspNetCore.App.Ref", version, "analyzers", "dotnet", "cs", "Microsoft.Extensions.Logging.Generators.dll"),
            ];
            foreach (string path in paths)
            {
                Assert.True(File.Exists(path), "SDK source generator not found: " + path);
                foreach (ISourceGenerator generator in new AnalyzerFileReference(path, SdkAnalyzerLoader.Instance).GetGenerators(LanguageNames.CSharp))
                {
                    yield return generator;
                }
            }
        }
    }
}

/// <summary>Loads SDK analyzer assemblies into the test host, where Roslyn is already loaded.</summary>
internal sealed class SdkAnalyzerLoader : IAnalyzerAssemblyLoader
{
    public static readonly SdkAnalyzerLoader Instance = new();

    public void AddDependencyLocation(string fullPath)
    {
    }

    public System.Reflection.Assembly LoadFromPath(string fullPath) =>
        System.Runtime.Loader.AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
}
