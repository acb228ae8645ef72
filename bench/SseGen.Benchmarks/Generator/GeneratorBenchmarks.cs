using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SseGen.Generator;
using SseGen.TestSupport;

namespace SseGen.Benchmarks.Generator;

/// <summary>
/// <see cref="SseEndpointGenerator"/> over a compilation of <see cref="EndpointCorpus.EndpointCount"/> endpoints:
/// a first run with a fresh driver, and a run after a one-character edit in a file no endpoint uses, with the driver of
/// the previous run kept, as the IDE and incremental builds do. Both track steps, as the incrementality tests do.
/// Each invocation gets a compilation it has not seen (a clone, or the edit), so symbols are bound afresh as they
/// would be after a real edit; parsing is done in the setup, as it is the compiler's work, not the generator's.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private CSharpCompilation _compilation = null!;
    private SyntaxTree _unrelated = null!;
    private SyntaxTree _unrelatedEdited = null!;
    private GeneratorDriver _previousRun = null!;

    [GlobalSetup]
    public void Setup()
    {
        _compilation = CSharpCompilation.Create(
            "Shop",
            EndpointCorpus.Sources().Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, path: s.Path)),
            FrameworkReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        _unrelated = _compilation.SyntaxTrees.Single(t => t.FilePath == EndpointCorpus.UnrelatedPath);
        _unrelatedEdited = CSharpSyntaxTree.ParseText(EndpointCorpus.UnrelatedEdited, ParseOptions, path: EndpointCorpus.UnrelatedPath);

        // Not timed: the corpus compiles, with the generated code, and every method became an endpoint.
        CreateDriver().RunGeneratorsAndUpdateCompilation(_compilation.Clone(), out Compilation output, out _);
        Diagnostic[] errors = [.. output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];
        int generated = output.SyntaxTrees.Count() - _compilation.SyntaxTrees.Length;
        Console.WriteLine($"// corpus: {EndpointCorpus.EndpointCount} endpoints in {_compilation.SyntaxTrees.Length} files; generated {generated} files; {errors.Length} errors{string.Concat(errors.Take(5).Select(e => "\n//   " + e))}");
        if (errors.Length > 0 || generated != EndpointCorpus.EndpointCount + 1)
        {
            throw new InvalidOperationException("The corpus must compile and give one file per endpoint plus the map extension.");
        }

        _previousRun = CreateDriver().RunGenerators(_compilation);

        // Not timed: after the unrelated edit nothing is emitted again. Models may be recomputed (Unchanged) but every
        // output step must be Cached or Unchanged.
        GeneratorRunResult run = _previousRun.RunGenerators(Edited()).GetRunResult().Results.Single();
        Console.WriteLine($"// after the unrelated edit: {Reasons(run.TrackedSteps)} | outputs: {Reasons(run.TrackedOutputSteps)}");
        bool reEmitted = run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs)
            .Any(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Console.WriteLine($"// re-emitted after the unrelated edit: {(reEmitted ? "YES" : "nothing")}");
        if (reEmitted)
        {
            throw new InvalidOperationException("An edit in an unrelated file must not re-emit any source.");
        }
    }

    [Benchmark(Baseline = true)]
    public GeneratorDriver FirstRun() => CreateDriver().RunGenerators(_compilation.Clone());

    [Benchmark]
    public GeneratorDriver AfterUnrelatedEdit() => _previousRun.RunGenerators(Edited());

    private static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new SseEndpointGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    private Compilation Edited() => _compilation.ReplaceSyntaxTree(_unrelated, _unrelatedEdited);

    private static string Reasons(ImmutableDictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> steps) =>
        string.Join("; ", steps.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key + " " + string.Join(", ",
            s.Value.SelectMany(step => step.Outputs).GroupBy(o => o.Reason).OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}"))));
}
