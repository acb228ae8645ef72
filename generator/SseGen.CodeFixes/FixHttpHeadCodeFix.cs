using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using SseGen.Generator.Diagnostics;
using SseGen.Generator.Diagnostics.Framing;

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
                ImmutableDictionary<string, string?> properties = diagnostic.Properties;
                if (!properties.TryGetValue(FixProperties.Fix, out string? fix) || fix != FixProperties.EditText
                    || !TryGetInt(properties, FixProperties.EditStart, out int start)
                    || !TryGetInt(properties, FixProperties.EditLength, out int length)
                    || !properties.TryGetValue(FixProperties.NewText, out string? newText) || newText is null
                    || !properties.TryGetValue(FixProperties.Title, out string? title) || title is null)
                {
                    continue;
                }

                var change = new TextChange(new TextSpan(start, length), newText);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        title,
                        cancellationToken => FramingEdits.ReplaceTextAsync(context.Document, change, cancellationToken),
                        // One key for every head edit, so Fix All repairs whole heads in one pass.
                        equivalenceKey: DiagnosticIds.RawHttpHeadNotChunked),
                    diagnostic);
            }

            return Task.CompletedTask;
        }

        private static bool TryGetInt(ImmutableDictionary<string, string?> properties, string key, out int value)
        {
            value = 0;
            return properties.TryGetValue(key, out string? text)
                && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }
    }
}
