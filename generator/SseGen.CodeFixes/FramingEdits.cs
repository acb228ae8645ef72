using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using SseGen.Generator.Diagnostics.Framing;

namespace SseGen.CodeFixes
{
    /// <summary>The syntax edits the framing fixes are made of.</summary>
    internal static class FramingEdits
    {
        /// <summary>The statement a diagnostic's expression is, when removing it or inserting after it leaves valid code.</summary>
        public static StatementSyntax? StatementAt(SyntaxNode root, TextSpan span)
        {
            SyntaxNode node = root.FindNode(span, getInnermostNodeForTie: true);
            ExpressionStatementSyntax? statement = node.AncestorsAndSelf().OfType<ExpressionStatementSyntax>().FirstOrDefault();
            if (statement is null || !statement.Expression.Span.Contains(span))
            {
                return null;
            }

            return statement.Parent is BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax ? statement : null;
        }

        public static async Task<Document> RemoveStatementAsync(Document document, TextSpan span, CancellationToken cancellationToken)
        {
            SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            if (StatementAt(root, span) is not { } statement)
            {
                return document;
            }

            SyntaxNode removed = statement.Parent is GlobalStatementSyntax global ? global : statement;
            return document.WithSyntaxRoot(root.RemoveNode(removed, SyntaxRemoveOptions.KeepNoTrivia | SyntaxRemoveOptions.KeepUnbalancedDirectives)!);
        }

        public static async Task<Document> InsertStatementAfterAsync(Document document, TextSpan span, string statementText, CancellationToken cancellationToken)
        {
            SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            if (StatementAt(root, span) is not { } anchor)
            {
                return document;
            }

            // The new line copies the anchor's indentation, not its comments.
            SyntaxTriviaList indentation = SyntaxFactory.TriviaList(anchor.GetLeadingTrivia().Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)));
            StatementSyntax inserted = SyntaxFactory.ParseStatement(statementText)
                .WithLeadingTrivia(indentation)
                .WithTrailingTrivia(anchor.GetTrailingTrivia());
            if (anchor.Parent is GlobalStatementSyntax global)
            {
                return document.WithSyntaxRoot(root.InsertNodesAfter(global, new[] { SyntaxFactory.GlobalStatement(inserted) }));
            }

            return document.WithSyntaxRoot(root.InsertNodesAfter(anchor, new[] { inserted }));
        }

        public static async Task<Document> ReplaceWithTrueAsync(Document document, TextSpan span, CancellationToken cancellationToken)
        {
            SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            SyntaxNode node = root.FindNode(span, getInnermostNodeForTie: true);
            if (node is not ExpressionSyntax expression)
            {
                return document;
            }

            ExpressionSyntax literal = SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression).WithTriviaFrom(expression);
            return document.WithSyntaxRoot(root.ReplaceNode(expression, literal));
        }

        /// <summary>The title of an edit inside a string (<see cref="FixProperties.EditHead"/>, <see cref="FixProperties.SplitDataLines"/>), when the diagnostic offers one.</summary>
        public static string? StringEditTitle(Diagnostic diagnostic) =>
            diagnostic.Properties.TryGetValue(FixProperties.Fix, out string? fix) && fix is FixProperties.EditHead or FixProperties.SplitDataLines
            && diagnostic.Properties.TryGetValue(FixProperties.Title, out string? title)
                ? title
                : null;

        /// <summary>Makes the edit inside a string, computed again from the syntax now at <paramref name="span"/>.</summary>
        public static async Task<Document> EditStringAsync(Document document, TextSpan span, ImmutableDictionary<string, string?> properties, CancellationToken cancellationToken)
        {
            SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            SyntaxNode node = root.FindNode(span, getInnermostNodeForTie: true);
            TextChange? change = null;
            properties.TryGetValue(FixProperties.Fix, out string? fix);
            if (fix == FixProperties.EditHead
                && properties.TryGetValue(FixProperties.HeadEdit, out string? edit) && edit is not null
                && properties.TryGetValue(FixProperties.HeadLine, out string? line) && line is not null)
            {
                change = HeadEdit.For(node, edit, line);
            }
            else if (fix == FixProperties.SplitDataLines)
            {
                SemanticModel model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
                if (model.GetOperation(node, cancellationToken) is { } value && DataLineSplit.Replacement(value) is { } replacement)
                {
                    change = new TextChange(node.Span, replacement);
                }
            }

            if (change is not { } made)
            {
                return document;
            }

            SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            return document.WithText(text.WithChanges(made));
        }
    }
}
