using System.Collections.Immutable;
using System.Composition;
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
    /// <summary>Fixes SSE1008 by taking <c>text/event-stream</c> out of the compressed MIME types.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveElementCodeFix)), Shared]
    public sealed class RemoveElementCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.EventStreamCompressed);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (diagnostic.Properties.TryGetValue(FixProperties.Fix, out string? fix) && fix == FixProperties.RemoveElement)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Do not compress text/event-stream",
                            cancellationToken => RemoveElementAsync(context.Document, diagnostic.Location.SourceSpan, cancellationToken),
                            equivalenceKey: diagnostic.Id + "." + FixProperties.RemoveElement),
                        diagnostic);
                }
            }

            return Task.CompletedTask;
        }

        private static async Task<Document> RemoveElementAsync(Document document, TextSpan span, CancellationToken cancellationToken)
        {
            SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            SyntaxNode literal = root.FindNode(span, getInnermostNodeForTie: true);
            SyntaxNode? element = literal.Parent switch
            {
                ExpressionElementSyntax { Parent: CollectionExpressionSyntax } e => e,
                InitializerExpressionSyntax => literal,
                _ => null,
            };

            // Removed with the comma before it; its trailing trivia (the space before '}') stays.
            return element is null
                ? document
                : document.WithSyntaxRoot(root.RemoveNode(element, SyntaxRemoveOptions.KeepTrailingTrivia)!);
        }
    }
}
