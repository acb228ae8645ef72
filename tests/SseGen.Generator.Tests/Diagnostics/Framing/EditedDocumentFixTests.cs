using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SseGen.CodeFixes;
using SseGen.Generator.Diagnostics.Framing;
using SseGen.Generator.Tests.Infrastructure;
using Xunit;

namespace SseGen.Generator.Tests.Diagnostics.Framing;

/// <summary>
/// A fix applied to a document edited since its diagnostic was computed, as in an editor: the diagnostic's location is
/// mapped onto the new text, its properties are not, so the fix must work from the syntax at that location.
/// </summary>
public sealed class EditedDocumentFixTests
{
    private const string Typed = "// a line typed above, after the analyzer ran\n";

    [Fact]
    public async Task HeadFix_AfterALineIsTypedAbove_EditsTheHeadItself()
    {
        string fixedText = await FixAfterTypingAboveAsync(new RawHttpHeadAnalyzer(), """
            static class Server
            {
                public const string Head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n";
            }
            """);

        Assert.Equal(Typed + FramingVerifier<RawHttpHeadAnalyzer, EditStringCodeFix>.Usings + """
            static class Server
            {
                public const string Head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
            }
            """, fixedText);
    }

    [Fact]
    public async Task SplitFix_AfterALineIsTypedAbove_ReplacesTheValueItself()
    {
        string fixedText = await FixAfterTypingAboveAsync(new UnsplitDataAnalyzer(), """
            static class Feed
            {
                public static Task SendAsync(HttpResponse response, string message) => response.WriteAsync($"data: {message}\n\n");
            }
            """);

        Assert.Equal(Typed + FramingVerifier<UnsplitDataAnalyzer, EditStringCodeFix>.Usings + """
            static class Feed
            {
                public static Task SendAsync(HttpResponse response, string message) => response.WriteAsync($"data: {string.Join("\ndata: ", message.Split(new[] { "\r\n", "\r", "\n" }, System.StringSplitOptions.None))}\n\n");
            }
            """, fixedText);
    }

    private static async Task<string> FixAfterTypingAboveAsync(DiagnosticAnalyzer analyzer, string source)
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        using var workspace = new AdhocWorkspace();
        Document document = workspace.CurrentSolution
            .AddProject("Test", "Test", LanguageNames.CSharp)
            .WithCompilationOptions(new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
            .AddMetadataReferences(TestCompilation.References)
            .AddDocument("Test.cs", FramingVerifier<RawHttpHeadAnalyzer, EditStringCodeFix>.Usings + source);
        Compilation compilation = (await document.Project.GetCompilationAsync(cancellationToken))!;
        Diagnostic diagnostic = (await compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync(cancellationToken)).Single();

        SourceText text = await document.GetTextAsync(cancellationToken);
        Document edited = document.WithText(text.WithChanges(new TextChange(new TextSpan(0, 0), Typed)));
        SyntaxTree editedTree = (await edited.GetSyntaxTreeAsync(cancellationToken))!;
        TextSpan span = diagnostic.Location.SourceSpan;
        Diagnostic mapped = Diagnostic.Create(
            diagnostic.Descriptor,
            Location.Create(editedTree, new TextSpan(span.Start + Typed.Length, span.Length)),
            diagnostic.Properties);

        var actions = new List<CodeAction>();
        await new EditStringCodeFix().RegisterCodeFixesAsync(new CodeFixContext(edited, mapped, (action, _) => actions.Add(action), cancellationToken));
        ApplyChangesOperation apply = (await Assert.Single(actions).GetOperationsAsync(cancellationToken)).OfType<ApplyChangesOperation>().Single();
        return (await apply.ChangedSolution.GetDocument(edited.Id)!.GetTextAsync(cancellationToken)).ToString();
    }
}
