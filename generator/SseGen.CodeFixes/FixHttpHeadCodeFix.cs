using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using SseGen.Generator.Diagnostics;

namespace SseGen.CodeFixes
{
    /// <summary>
    /// Fixes SSE1004 inside the string: adds <c>Transfer-Encoding: chunked</c>, writes <c>HTTP/1.1</c>, or removes
    /// <c>Connection: close</c> or the Content-Length line. The analyzer computes the edit; this applies it.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FixHttpHeadCodeFix)), Shared]
    public sealed class FixHttpHeadCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.RawHttpHeadNotChunked);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (FramingEdits.TryGetTextEdit(diagnostic, out TextChange change, out string title))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            title,
                            cancellationToken => FramingEdits.ReplaceTextAsync(context.Document, change, cancellationToken),
                            // One key for every head edit, so Fix All repairs whole heads in one pass.
                            equivalenceKey: DiagnosticIds.RawHttpHeadNotChunked),
                        diagnostic);
                }
            }

            return Task.CompletedTask;
        }
    }
}
