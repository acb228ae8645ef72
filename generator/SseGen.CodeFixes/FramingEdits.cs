using System.Collections.Immutable;
using System.Globalization;
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

        /// <summary>Reads a text edit the analyzer computed (<see cref="FixProperties.EditText"/>) from the diagnostic.</summary>
        public static bool TryGetTextEdit(Diagnostic diagnostic, out TextChange change, out string title)
        {
            change = default;
            title = string.Empty;
            ImmutableDictionary<string, string?> properties = diagnostic.Properties;
            if (!properties.TryGetValue(FixProperties.Fix, out string? fix) || fix != FixProperties.EditText
                || !TryGetInt(properties, FixProperties.EditStart, out int start)
                || !TryGetInt(properties, FixProperties.EditLength, out int length)
                || !properties.TryGetValue(FixProperties.NewText, out string? newText) || newText is null
                || !properties.TryGetValue(FixProperties.Title, out string? actionTitle) || actionTitle is null)
            {
                return false;
            }

            change = new TextChange(new TextSpan(start, length), newText);
            title = actionTitle;
            return true;
        }

        public static async Task<Document> ReplaceTextAsync(Document document, TextChange change, CancellationToken cancellationToken)
        {
            SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            return document.WithText(text.WithChanges(change));
        }

        private static bool TryGetInt(ImmutableDictionary<string, string?> properties, string key, out int value)
        {
            value = 0;
            return properties.TryGetValue(key, out string? text)
                && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }
    }
}
