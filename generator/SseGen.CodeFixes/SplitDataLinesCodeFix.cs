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
    /// Fixes SSE1005 for string values by splitting them as SseFrameWriter does: each CRLF, CR or LF starts a new
    /// <c>data:</c> line. The analyzer computes the replacement; this applies it.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SplitDataLinesCodeFix)), Shared]
    public sealed class SplitDataLinesCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.UnsplitDataInFrame);

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
                            equivalenceKey: DiagnosticIds.UnsplitDataInFrame),
                        diagnostic);
                }
            }

            return Task.CompletedTask;
        }
    }
}
