using System.Collections.Immutable;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SseGen.Generator;
using SseGen.TestSupport;

namespace SseGen.Benchmarks.Generator;

/// <summary>
/// The SSE1xxx framing analyzers over <see cref="EndpointCorpus"/>'s 500 endpoints (with their generated code) and
/// <see cref="HandlerCorpus"/>'s 300 hand-written handlers, as <c>CompilationWithAnalyzers.GetAnalyzerDiagnosticsAsync</c>
/// runs them in a build or a full IDE analysis, SSE1009 turned on. The baseline is an analyzer that asks for every
/// operation block and does nothing with it: the binding and operation trees any operation analyzer pays for, so the
/// difference is the framing rules' own work, helper summaries included. The compiler's own diagnostics of the same
/// compilation are measured beside them for scale. Each invocation gets a clone of the compilation, so nothing bound or
/// cached (symbols, semantic models, the analyzers' per-compilation helper summaries) carries over.
/// </summary>
[MemoryDiagnoser]
public class FramingAnalyzerBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private Compilation _compilation = null!;
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;

    [GlobalSetup]
    public void Setup()
    {
        var sources = EndpointCorpus.Sources().Concat(HandlerCorpus.Sources()).ToList();
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Shop",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, path: s.Path)),
            FrameworkReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions([new KeyValuePair<string, ReportDiagnostic>("SSE1009", ReportDiagnostic.Info)]));
        CSharpGeneratorDriver.Create([new SseEndpointGenerator().AsSourceGenerator()], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out _compilation, out _);
        _analyzers = [.. typeof(SseEndpointGenerator).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .Where(analyzer => analyzer.SupportedDiagnostics.All(d => d.Id.StartsWith("SSE1", StringComparison.Ordinal)))
            .OrderBy(analyzer => analyzer.GetType().Name, StringComparer.Ordinal)];

        // Not timed: the corpus compiles, and the analyzers report exactly the planted mistakes, reached three helpers deep.
        Diagnostic[] errors = [.. _compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];
        ImmutableArray<Diagnostic> found = AnalyzeAsync().GetAwaiter().GetResult();
        string counts = string.Join(", ", found.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} x{g.Count()}"));
        Console.WriteLine($"// corpus: {EndpointCorpus.EndpointCount} endpoints, {HandlerCorpus.HandlerCount} hand-written handlers, {_compilation.SyntaxTrees.Count()} files; {errors.Length} errors{string.Concat(errors.Take(5).Select(e => "\n//   " + e))}");
        Console.WriteLine($"// {_analyzers.Length} framing analyzers: {string.Join(", ", _analyzers.Select(a => a.GetType().Name))}");
        Console.WriteLine($"// reported: {(counts.Length == 0 ? "nothing" : counts)}{string.Concat(found.Take(3).Select(d => "\n//   " + d))}");
        if (errors.Length > 0 || found.Length != HandlerCorpus.ExpectedConnectionCloseReports || found.Any(d => d.Id != "SSE1001"))
        {
            throw new InvalidOperationException($"The corpus must compile and give exactly {HandlerCorpus.ExpectedConnectionCloseReports} SSE1001 reports.");
        }
    }

    [Benchmark(Baseline = true)]
    public ImmutableArray<Diagnostic> OperationBlocksOnly() => AnalyzeAsync([new OperationBlocksAnalyzer()]).GetAwaiter().GetResult();

    [Benchmark]
    public ImmutableArray<Diagnostic> FramingAnalyzers() => AnalyzeAsync().GetAwaiter().GetResult();

    [Benchmark]
    public ImmutableArray<Diagnostic> CompilerDiagnostics() => _compilation.Clone().GetDiagnostics();

    private Task<ImmutableArray<Diagnostic>> AnalyzeAsync(ImmutableArray<DiagnosticAnalyzer> analyzers = default) =>
        _compilation.Clone()
            .WithAnalyzers(analyzers.IsDefault ? _analyzers : analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
            .GetAnalyzerDiagnosticsAsync();

    /// <summary>Asks the driver for the operation tree of every block, as the framing rules do, and reports nothing.</summary>
#pragma warning disable RS1001 // Handed to WithAnalyzers, never loaded from an assembly: no [DiagnosticAnalyzer] needed.
    private sealed class OperationBlocksAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
    {
#pragma warning disable RS2008 // A stand-in inside a benchmark, never shipped: no release tracking.
        private static readonly DiagnosticDescriptor Nothing = new("BENCH0001", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Info, isEnabledByDefault: true);
#pragma warning restore RS2008

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Nothing];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationBlockAction(static _ => { });
        }
    }
}
