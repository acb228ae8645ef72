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
    /// <summary>Fixes SSE1003: turns <c>SendChunked = false</c> into <c>true</c>, or adds <c>SendChunked = true</c> after the content type.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SetSendChunkedCodeFix)), Shared]
    public sealed class SetSendChunkedCodeFix : CodeFixProvider
    {
        private const string Title = "Set SendChunked = true";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.HttpListenerEventStreamNotChunked);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                diagnostic.Properties.TryGetValue(FixProperties.Fix, out string? fix);
                if (fix == FixProperties.ReplaceWithTrue)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            Title,
                            cancellationToken => FramingEdits.ReplaceWithTrueAsync(context.Document, diagnostic.Location.SourceSpan, cancellationToken),
                            equivalenceKey: Title),
                        diagnostic);
                }
                else if (fix == FixProperties.InsertStatementAfter
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
