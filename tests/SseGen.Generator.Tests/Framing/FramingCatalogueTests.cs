using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SseGen.Generator.Diagnostics;
using SseGen.Generator.Diagnostics.Framing;
using SseGen.TestSupport;
using Xunit;

namespace SseGen.Generator.Tests.Framing;

/// <summary>Every SSE1xxx id has one analyzer, a help page, a release-tracking row and a row in the docs table.</summary>
public sealed class FramingCatalogueTests
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = Infrastructure.Analyzers.Framing;

    public static TheoryData<string> FramingIds() => new(
        typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => (string)field.GetRawConstantValue()!)
            .Where(id => id.StartsWith("SSE1", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal));

    [Fact]
    public void EachFramingId_IsReportedByExactlyOneAnalyzer()
    {
        string[] supported = Analyzers.SelectMany(analyzer => analyzer.SupportedDiagnostics).Select(d => d.Id).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(FramingIds().Select(row => row.Data), supported);
    }

    [Theory]
    [MemberData(nameof(FramingIds))]
    public void FramingId_IsAFramingWarningWithItsHelpPage(string id)
    {
        DiagnosticDescriptor descriptor = Descriptor(id);
        string page = File.ReadAllText(Repository.PathOf("docs", "diagnostics", id + ".md"));

        Assert.Equal(Categories.Framing, descriptor.Category);
        Assert.Equal(DiagnosticSeverity.Warning, descriptor.DefaultSeverity);
        Assert.EndsWith("/docs/diagnostics/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.StartsWith("# " + id + ": " + descriptor.Title, page, StringComparison.Ordinal);
        Assert.All(["## Why", "## Bad", "## Good", "## Code fix", "## When to suppress"], heading => Assert.Contains(heading, page, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(FramingIds))]
    public void FramingId_IsInTheUnshippedReleaseWithItsAnalyzer(string id)
    {
        string analyzer = Analyzers.Single(a => a.SupportedDiagnostics.Any(d => d.Id == id)).GetType().Name;
        string[] rows = File.ReadAllLines(Repository.PathOf("generator", "SseGen.Generator", "AnalyzerReleases.Unshipped.md"));

        Assert.Contains(id + " | SseGen.Framing | Warning | " + analyzer, rows);
    }

    [Theory]
    [MemberData(nameof(FramingIds))]
    public void FramingId_IsListedInTheDiagnosticsTable(string id)
    {
        string table = File.ReadAllText(Repository.PathOf("docs", "diagnostics", "README.md"));

        Assert.Contains("| [" + id + "](" + id + ".md) | " + Descriptor(id).Title + " |", table, StringComparison.Ordinal);
    }

    private static DiagnosticDescriptor Descriptor(string id) =>
        Analyzers.SelectMany(analyzer => analyzer.SupportedDiagnostics).Single(d => d.Id == id);
}
