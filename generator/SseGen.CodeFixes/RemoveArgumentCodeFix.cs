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
    /// <summary>Fixes SSE1007 by dropping the event type argument, so the <c>SseItem&lt;T&gt;</c> overload is the one called.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveArgumentCodeFix)), Shared]
    public sealed class RemoveArgumentCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SseItemSerializedWhole);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (diagnostic.Properties.TryGetValue(FixProperties.Fix, out string? fix) && fix == FixProperties.RemoveArgument)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Drop the event type argument",
                            cancellationToken => RemoveArgumentAsync(context.Document, diagnostic.Location.SourceSpan, cancellationToken),
                            equivalenceKey: diagnostic.Id + "." + FixProperties.RemoveArgument),
                        diagnostic);
                }
            }

            return Task.CompletedTask;
        }

        private static async Task<Document> RemoveArgumentAsync(Document document, TextSpan span, CancellationToken cancellationToken)
        {
            SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            ArgumentSyntax? argument = root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<ArgumentSyntax>().FirstOrDefault();
            if (argument?.Parent is not ArgumentListSyntax list)
            {
                return document;
            }

            // Removing from the separated list takes the comma with it.
            return document.WithSyntaxRoot(root.ReplaceNode(list, list.WithArguments(list.Arguments.Remove(argument))));
        }
    }
}
