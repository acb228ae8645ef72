using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using SseGen.Generator.Diagnostics;

namespace SseGen.CodeFixes
{
    /// <summary>
    /// Fixes the rules about text in strings. SSE1004: adds <c>Transfer-Encoding: chunked</c>, writes <c>HTTP/1.1</c>, or
    /// removes <c>Connection: close</c> or the Content-Length line of a hand-written head. SSE1005: splits a string value
    /// as SseFrameWriter does, so each CRLF, CR or LF starts a new <c>data:</c> line. The edit is computed from the syntax
    /// at the diagnostic's location when the fix runs, so it is right in a document changed since the analysis.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EditStringCodeFix)), Shared]
    public sealed class EditStringCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.RawHttpHeadNotChunked, DiagnosticIds.UnsplitDataInFrame);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (FramingEdits.StringEditTitle(diagnostic) is { } title)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            title,
                            cancellationToken => FramingEdits.EditStringAsync(context.Document, diagnostic.Location.SourceSpan, diagnostic.Properties, cancellationToken),
                            // One key per rule, so Fix All repairs whole heads in one pass.
                            equivalenceKey: diagnostic.Id),
                        diagnostic);
                }
            }

            return Task.CompletedTask;
        }
    }
}
