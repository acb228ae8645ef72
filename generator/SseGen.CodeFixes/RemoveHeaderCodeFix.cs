using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using SseGen.Generator.Diagnostics;
using SseGen.Generator.Diagnostics.Framing;

namespace SseGen.CodeFixes
{
    /// <summary>Fixes SSE1001 and SSE1002 by removing the statement that sets <c>Connection: close</c> or the Content-Length.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveHeaderCodeFix)), Shared]
    public sealed class RemoveHeaderCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.ConnectionCloseOnEventStream, DiagnosticIds.ContentLengthOnEventStream);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(FixProperties.Fix, out string? fix) || fix != FixProperties.RemoveStatement)
                {
                    continue;
                }

                string title = diagnostic.Id == DiagnosticIds.ConnectionCloseOnEventStream
                    ? "Remove 'Connection: close'"
                    : "Remove the Content-Length";
                context.RegisterCodeFix(
                    CodeAction.Create(
                        title,
                        cancellationToken => FramingEdits.RemoveStatementAsync(context.Document, diagnostic.Location.SourceSpan, cancellationToken),
                        equivalenceKey: diagnostic.Id + "." + FixProperties.RemoveStatement),
                    diagnostic);
            }

            return Task.CompletedTask;
        }
    }
}
