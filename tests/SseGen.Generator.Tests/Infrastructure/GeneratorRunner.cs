using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace SseGen.Generator.Tests.Infrastructure;

/// <summary>Runs <see cref="SseEndpointGenerator"/> the way the compiler does, with step tracking on.</summary>
internal static class GeneratorRunner
{
    /// <summary>A driver; <paramref name="properties"/> are the project's build properties, none by default.</summary>
    public static GeneratorDriver CreateDriver(BuildProperties? properties = null) =>
        CSharpGeneratorDriver.Create(
            [new SseEndpointGenerator().AsSourceGenerator()],
            additionalTexts: null,
            parseOptions: TestCompilation.ParseOptions,
            optionsProvider: properties ?? new BuildProperties(),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator over <paramref name="compilation"/>; returns the output compilation and the run.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Run) Run(Compilation compilation, BuildProperties? properties = null)
    {
        GeneratorDriver driver = CreateDriver(properties).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return (output, driver.GetRunResult());
    }

    /// <summary>
    /// Builds <paramref name="library"/> with its generated code, as its own project would, with no warning;
    /// returns the reference an application compiled against it gets.
    /// </summary>
    public static MetadataReference BuildLibrary(Compilation library)
    {
        (Compilation output, GeneratorDriverRunResult run) = Run(library);
        Assert.Empty(run.Diagnostics);
        GeneratorSnapshot.AssertCompilesWithoutWarnings(output);
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = output.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
