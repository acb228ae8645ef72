using System.Globalization;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using SseGen.Generator.Diagnostics;
using SseGen.Generator.Tests.Infrastructure;
using SseGen.TestSupport;
using Xunit;

namespace SseGen.Generator.Tests.Diagnostics;

/// <summary>
/// Every id in <see cref="DiagnosticIds"/>, SSE0xxx and SSE1xxx alike, has one descriptor, exactly one analyzer, a release
/// row naming that analyzer, a help page the descriptor links to, a row in README's Diagnostics table, and a code fix
/// exactly where the table and the page promise one.
/// </summary>
public sealed class DiagnosticCatalogueTests
{
    public static TheoryData<string> Ids() => new(AllIds);

    private static string[] AllIds { get; } =
        [.. typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal)];

    private static DiagnosticDescriptor[] Descriptors { get; } =
        [.. typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
            .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)];

    [Fact]
    public void DiagnosticIds_AreDistinct_AndEachFamilyHasIds()
    {
        Assert.Distinct(AllIds);
        Assert.Contains(AllIds, id => id.StartsWith("SSE0", StringComparison.Ordinal));
        Assert.Contains(AllIds, id => id.StartsWith("SSE1", StringComparison.Ordinal));
        Assert.All(AllIds, id => Family(id));
    }

    [Fact]
    public void Descriptors_HaveExactlyTheCatalogueIds()
    {
        Assert.Equal(AllIds, Descriptors.Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Analyzers_SupportExactlyTheCatalogueIds_EachOnce()
    {
        Assert.Equal(AllIds, Analyzers.All.SelectMany(analyzer => analyzer.SupportedDiagnostics).Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CodeFixes_FixOnlyCatalogueIds_EachOnce()
    {
        string[] fixable = [.. Analyzers.CodeFixes.SelectMany(fix => fix.FixableDiagnosticIds)];

        Assert.NotEmpty(fixable);
        Assert.Distinct(fixable);
        Assert.All(fixable, id => Assert.Contains(id, AllIds));
    }

    [Fact]
    public void UnshippedRelease_ListsExactlyTheCatalogueIds()
    {
        string[] ids = [.. ReleaseRows().Select(row => row.Split(" | ")[0])];

        Assert.Equal(AllIds, ids);
    }

    [Fact]
    public void ReadmeDiagnosticsTable_ListsExactlyTheCatalogueIds_InOrder()
    {
        Assert.Equal(AllIds.Select(id => $"[{id}](docs/diagnostics/{id}.md)"), ReadmeRows().Select(cells => cells[0]));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Id_HasOneDescriptor_ReportedByExactlyOneAnalyzer_WithItsFamilysCategoryAndSeverity(string id)
    {
        DiagnosticDescriptor descriptor = Assert.Single(Descriptors, d => d.Id == id);
        DiagnosticAnalyzer analyzer = Assert.Single(Analyzers.All, a => a.SupportedDiagnostics.Any(d => d.Id == id));
        (string category, DiagnosticSeverity severity) = Family(id);

        Assert.Same(descriptor, analyzer.SupportedDiagnostics.Single(d => d.Id == id));
        Assert.Equal(category, descriptor.Category);
        if (IsSuggestion(id))
        {
            // A framing suggestion is Info and off by default: it guesses at run-time behaviour.
            Assert.Equal(DiagnosticSeverity.Info, descriptor.DefaultSeverity);
            Assert.False(descriptor.IsEnabledByDefault, id + " is a suggestion but enabled by default");
        }
        else
        {
            Assert.Equal(severity, descriptor.DefaultSeverity);
            Assert.True(descriptor.IsEnabledByDefault, id + " is not enabled by default");
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Id_IsInTheUnshippedReleaseWithItsAnalyzer(string id)
    {
        DiagnosticDescriptor descriptor = Descriptor(id);

        // Release tracking writes "Disabled" for a rule off by default.
        string severity = descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString() : "Disabled";
        Assert.Contains($"{id} | {descriptor.Category} | {severity} | {AnalyzerOf(id).GetType().Name}", ReleaseRows());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Id_HasAHelpPageWithItsTitle_WhyBadGoodAndWhenToSuppress(string id)
    {
        string[] lines = File.ReadAllLines(HelpPage(id));

        // Code spans aside (`IAsyncEnumerable<T>` must be one in Markdown), the heading is the descriptor's title.
        Assert.Equal("# " + id + ": " + Descriptor(id).Title, lines[0].Replace("`", "", StringComparison.Ordinal));
        Assert.All(["## Why", "## Bad", "## Good", "## When to suppress"], heading => Assert.Contains(heading, lines));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Id_HelpLink_PointsAtItsHelpPage(string id)
    {
        string link = Descriptor(id).HelpLinkUri;

        Assert.EndsWith("/docs/diagnostics/" + id + ".md", link, StringComparison.Ordinal);
        Assert.Equal(HelpLinks.For(id), link);
        Assert.True(File.Exists(HelpPage(id)), "no help page " + HelpPage(id));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Id_HasARowInTheReadmeDiagnosticsTable_WithItsSeverityAndTitle(string id)
    {
        string[] cells = Assert.Single(ReadmeRows(), row => row[0] == $"[{id}](docs/diagnostics/{id}.md)");

        Assert.Equal(Descriptor(id).DefaultSeverity.ToString(), cells[1]);
        Assert.Equal(Plain(Descriptor(id).Title.ToString(CultureInfo.InvariantCulture)), Plain(cells[2]));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Id_HasACodeFix_ExactlyWhereTheReadmeAndItsPagePromiseOne(string id)
    {
        bool promised = Assert.Single(ReadmeRows(), row => row[0] == $"[{id}](docs/diagnostics/{id}.md)")[3].Length > 0;
        CodeFixProvider[] fixes = [.. Analyzers.CodeFixes.Where(fix => fix.FixableDiagnosticIds.Contains(id))];

        Assert.Equal(promised, File.ReadAllLines(HelpPage(id)).Contains("## Code fix"));
        Assert.Equal(promised ? 1 : 0, fixes.Length);

        // Every framing warning has a mechanical fix; attribute misuse and framing suggestions have none.
        Assert.Equal(Family(id).Category == Categories.Framing && !IsSuggestion(id), promised);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Id_IsInTheFramingTableOfDocsDiagnostics_ExactlyWhenItIsAFramingRule(string id)
    {
        string table = File.ReadAllText(Repository.PathOf("docs", "diagnostics", "README.md"));

        Assert.Equal(
            Family(id).Category == Categories.Framing,
            table.Contains("| [" + id + "](" + id + ".md) | " + Descriptor(id).Title + " |", StringComparison.Ordinal));
        Assert.Equal(Family(id).Category == Categories.Framing, table.Contains("[" + id + "]", StringComparison.Ordinal));
    }

    /// <summary>SSE0xxx: attribute misuse, an error. SSE1xxx: framing of hand-written SSE code, a warning.</summary>
    private static (string Category, DiagnosticSeverity Severity) Family(string id) => id[..4] switch
    {
        "SSE0" => (Categories.Usage, DiagnosticSeverity.Error),
        "SSE1" => (Categories.Framing, DiagnosticSeverity.Warning),
        _ => throw new Xunit.Sdk.XunitException(id + " is in no family"),
    };

    /// <summary>The framing rules that are suggestions (SSE1009, heartbeats): Info, off by default, no fix.</summary>
    private static bool IsSuggestion(string id) => id == DiagnosticIds.EventStreamWithoutHeartbeat;

    private static DiagnosticDescriptor Descriptor(string id) => Descriptors.Single(d => d.Id == id);

    private static DiagnosticAnalyzer AnalyzerOf(string id) => Analyzers.All.Single(a => a.SupportedDiagnostics.Any(d => d.Id == id));

    private static string HelpPage(string id) => Repository.PathOf("docs", "diagnostics", id + ".md");

    private static string[] ReleaseRows() =>
        [.. File.ReadAllLines(Repository.PathOf("generator", "SseGen.Generator", "AnalyzerReleases.Unshipped.md"))
            .Where(line => line.StartsWith("SSE", StringComparison.Ordinal))];

    /// <summary>The cells of each row of README's Diagnostics table: id link, severity, title, fix.</summary>
    private static string[][] ReadmeRows() =>
        [.. File.ReadAllLines(Repository.PathOf("README.md"))
            .SkipWhile(line => line != "## Diagnostics")
            .SkipWhile(line => !line.StartsWith("| Id |", StringComparison.Ordinal))
            .Skip(2)
            .TakeWhile(line => line.StartsWith('|'))
            .Select(line => line.Trim('|').Split('|').Select(cell => cell.Trim()).ToArray())];

    // README quotes code as `code`, titles as 'code': the words must be the same.
    private static string Plain(string title) => title.Replace("`", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal);
}
