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
    /// <summary>Fixes SSE1006 by flushing right after the loop's last write, so each event leaves as it is written.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddFlushCodeFix)), Shared]
    public sealed class AddFlushCodeFix : CodeFixProvider
    {
        private const string Title = "Flush after each event";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.EventStreamNotFlushedInLoop);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (diagnostic.Properties.TryGetValue(FixProperties.Fix, out string? fix) && fix == FixProperties.InsertStatementAfter
                    && diagnostic.Properties.TryGetValue(FixProperties.Statement, out string? statement) && statement is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            Title,
                            cancellationToken => FramingEdits.InsertStatementAfterAsync(context.Document, diagnostic.Location.SourceSpan, statement, cancellationToken),
                            equivalenceKey: Title),
                        diagnostic);
                }
            }

            return Task.CompletedTask;
        }
    }
}
