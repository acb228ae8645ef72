using System.Reflection;
using Microsoft.CodeAnalysis;
using SseGen.Generator.Diagnostics;
using SseGen.TestSupport;
using Xunit;

namespace SseGen.Generator.Tests.Diagnostics;

/// <summary>Every SSE0xxx id is reported by the analyzer, tracked as a release, and has its help page.</summary>
public sealed class DiagnosticCatalogueTests
{
    public static TheoryData<string> UsageIds() => new(
        typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(id => id.StartsWith("SSE0", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal));

    [Fact]
    public void Analyzer_SupportsExactlyTheUsageIds()
    {
        string[] supported = new EndpointUsageAnalyzer().SupportedDiagnostics.Select(d => d.Id).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(UsageIds().Select(row => row.Data), supported);
    }

    [Theory]
    [MemberData(nameof(UsageIds))]
    public void UsageId_HasAHelpPageWithWhyBadGoodAndSuppression(string id)
    {
        string page = File.ReadAllText(Repository.PathOf("docs", "diagnostics", id + ".md"));

        Assert.StartsWith("# " + id + ": ", page, StringComparison.Ordinal);
        Assert.All(["## Why", "## Bad", "## Good", "## When to suppress"], heading => Assert.Contains(heading, page, StringComparison.Ordinal));
        DiagnosticDescriptor descriptor = new EndpointUsageAnalyzer().SupportedDiagnostics.Single(d => d.Id == id);
        Assert.EndsWith("/docs/diagnostics/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(UsageIds))]
    public void UsageId_IsInTheUnshippedRelease(string id)
    {
        string[] rows = File.ReadAllLines(Repository.PathOf("generator", "SseGen.Generator", "AnalyzerReleases.Unshipped.md"));

        Assert.Contains(rows, row => row.StartsWith(id + " | SseGen.Usage | Error |", StringComparison.Ordinal));
    }
}
