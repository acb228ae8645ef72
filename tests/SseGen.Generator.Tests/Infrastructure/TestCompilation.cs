using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using SseGen.TestSupport;

namespace SseGen.Generator.Tests.Infrastructure;

/// <summary>Compilations of test sources against the running host's assemblies and the real runtime; nothing is downloaded.</summary>
internal static class TestCompilation
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>The shared framework (ASP.NET Core included: the test project references it), <c>SseGen.dll</c> and <c>SseGen.Client.dll</c>.</summary>
    public static ImmutableArray<MetadataReference> References { get; } =
        FrameworkReferences.All.Add(MetadataReference.CreateFromFile(typeof(SseGen.Client.SseClient).Assembly.Location));

    /// <summary>For the Roslyn testing packages: no reference-assembly package, <see cref="References"/> holds every reference.</summary>
    public static ReferenceAssemblies NoReferenceAssemblies { get; } = new("net10.0");

    public static CSharpCompilation Create(params string[] sources) =>
        CSharpCompilation.Create(
            "TestAssembly",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs"))
                .Append(CSharpSyntaxTree.ParseText(GlobalUsings.Endpoints, ParseOptions, path: "GlobalUsings.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
}
