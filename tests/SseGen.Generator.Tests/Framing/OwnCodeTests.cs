using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SseGen.Generator.Diagnostics.Framing;
using Xunit;

namespace SseGen.Generator.Tests.Framing;

/// <summary>The framing rules stay silent on SseGen's own runtime and sample, which frame streams correctly.</summary>
public sealed class OwnCodeTests
{
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    private static readonly ImmutableArray<DiagnosticAnalyzer> FramingAnalyzers =
    [
        new ConnectionCloseAnalyzer(),
        new ContentLengthAnalyzer(),
        new HttpListenerChunkingAnalyzer(),
        new RawHttpHeadAnalyzer(),
        new UnsplitDataAnalyzer(),
        new UnflushedLoopAnalyzer(),
    ];

    [Fact]
    public async Task Runtime_HasNoFramingDiagnostics()
    {
        string runtime = Path.Combine(RepositoryRoot(), "runtime", "SseGen");
        Assert.True(Directory.Exists(runtime), "runtime/SseGen not found at " + runtime);

        await AssertNoFramingDiagnosticsAsync(runtime, OutputKind.DynamicallyLinkedLibrary, withRuntimeReference: false);
    }

    [Fact]
    public async Task Sample_HasNoFramingDiagnostics()
    {
        string sample = Path.Combine(RepositoryRoot(), "sample");
        Assert.SkipUnless(Directory.Exists(sample), "No sample/ on this branch yet.");

        await AssertNoFramingDiagnosticsAsync(sample, OutputKind.ConsoleApplication, withRuntimeReference: true);
    }

    private static async Task AssertNoFramingDiagnosticsAsync(string directory, OutputKind kind, bool withRuntimeReference)
    {
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        List<SyntaxTree> trees = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !path.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), options, path))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, options, "ImplicitUsings.cs"))
            .ToList();
        Assert.True(trees.Count > 1, "no source files under " + directory);

        IEnumerable<MetadataReference> references = withRuntimeReference
            ? LocalReferences.All
            : LocalReferences.All.Where(reference => !string.Equals(reference.Display, typeof(SseFrameWriter).Assembly.Location, StringComparison.Ordinal));
        CSharpCompilation compilation = CSharpCompilation.Create(
            "OwnCode",
            trees,
            references,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));

        var failures = new ConcurrentBag<string>();
        var analysis = compilation.WithAnalyzers(
            FramingAnalyzers,
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([]),
                (exception, analyzer, _) => failures.Add(analyzer.GetType().Name + ": " + exception),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false));

        ImmutableArray<Diagnostic> diagnostics = await analysis.GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);

        Assert.Empty(failures);
        Assert.True(diagnostics.IsEmpty, "framing diagnostics on own code:\n" + string.Join("\n", diagnostics));
    }

    private static string RepositoryRoot([CallerFilePath] string testFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(testFile)!, "..", "..", ".."));
}
