using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SseGen.Generator.Tests.Infrastructure;

/// <summary>Runs <see cref="SseEndpointGenerator"/> the way the compiler does, with step tracking on.</summary>
internal static class GeneratorRunner
{
    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new SseEndpointGenerator().AsSourceGenerator()],
            parseOptions: TestCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator over <paramref name="compilation"/>; returns the output compilation and the run.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Run) Run(Compilation compilation)
    {
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return (output, driver.GetRunResult());
    }
}
