using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using SseGen.Generator.Diagnostics;
using SseGen.Generator.Diagnostics.Framing;

namespace SseGen.CodeFixes
{
    /// <summary>
    /// Fixes by removing one item from its list: SSE1007's event type argument (so the <c>SseItem&lt;T&gt;</c> overload is
    /// called) and SSE1008's <c>text/event-stream</c> entry of the compressed MIME types.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveListItemCodeFix)), Shared]
    public sealed class RemoveListItemCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.SseItemSerializedWhole, DiagnosticIds.EventStreamCompressed);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(FixProperties.Fix, out string? fix) || fix is not (FixProperties.RemoveArgument or FixProperties.RemoveElement))
                {
                    continue;
                }

                string title = fix == FixProperties.RemoveArgument ? "Drop the event type argument" : "Do not compress text/event-stream";
                context.RegisterCodeFix(
                    CodeAction.Create(
                        title,
                        cancellationToken => RemoveItemAsync(context.Document, diagnostic.Location.SourceSpan, cancellationToken),
                        equivalenceKey: diagnostic.Id + "." + fix),
                    diagnostic);
            }

            return Task.CompletedTask;
        }

        private static async Task<Document> RemoveItemAsync(Document document, TextSpan span, CancellationToken cancellationToken)
        {
            SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            SyntaxNode found = root.FindNode(span, getInnermostNodeForTie: true);
            SyntaxNode? item = found.AncestorsAndSelf().FirstOrDefault(static n =>
                n is ArgumentSyntax { Parent: ArgumentListSyntax }
                || n is ExpressionElementSyntax { Parent: CollectionExpressionSyntax }
                || (n is ExpressionSyntax && n.Parent is InitializerExpressionSyntax));

            // Removed with the comma before it; its trailing trivia (the space before ')' or '}') stays.
            return item is null
                ? document
                : document.WithSyntaxRoot(root.RemoveNode(item, SyntaxRemoveOptions.KeepTrailingTrivia)!);
        }
    }
}
