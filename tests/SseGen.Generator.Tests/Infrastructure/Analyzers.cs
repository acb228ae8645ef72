using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using SseGen.CodeFixes;
using SseGen.Generator.Diagnostics;

namespace SseGen.Generator.Tests.Infrastructure;

/// <summary>SseGen's analyzers and code fixes, found by reflection as the compiler and the IDE find them, so none can be left out of a list.</summary>
internal static class Analyzers
{
    /// <summary>Every <c>[DiagnosticAnalyzer]</c> in <c>SseGen.Generator</c>, ordered by name.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> All { get; } = Instances<DiagnosticAnalyzer, DiagnosticAnalyzerAttribute>(typeof(EndpointUsageAnalyzer).Assembly);

    /// <summary>The analyzers of the SSE1xxx framing rules.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Framing { get; } =
        [.. All.Where(analyzer => analyzer.SupportedDiagnostics.All(d => d.Category == Categories.Framing))];

    /// <summary>Every <c>[ExportCodeFixProvider]</c> in <c>SseGen.CodeFixes</c>, ordered by name.</summary>
    public static ImmutableArray<CodeFixProvider> CodeFixes { get; } = Instances<CodeFixProvider, ExportCodeFixProviderAttribute>(typeof(RemoveHeaderCodeFix).Assembly);

    private static ImmutableArray<T> Instances<T, TAttribute>(Assembly assembly)
        where TAttribute : Attribute =>
        [.. assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(T).IsAssignableFrom(type) && type.GetCustomAttribute<TAttribute>() is not null)
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (T)Activator.CreateInstance(type)!)];
}
