using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>
    /// SSE1004: a hand-written HTTP head (status line and headers in a string) declaring text/event-stream
    /// without chunked framing: no <c>Transfer-Encoding: chunked</c>, <c>HTTP/1.0</c>, <c>Connection: close</c>
    /// or a <c>Content-Length</c>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RawHttpHeadAnalyzer : DiagnosticAnalyzer
    {
        private const string Chunked = "Transfer-Encoding: chunked";

        private static readonly Regex StatusLine = new(@"^HTTP/1\.[01] [1-5][0-9][0-9]", RegexOptions.CultureInvariant);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.RawHttpHeadNotChunked);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(
                AnalyzeString,
                OperationKind.Literal,
                OperationKind.Utf8String,
                OperationKind.InterpolatedString,
                OperationKind.Binary);
        }

        private static void AnalyzeString(OperationAnalysisContext context)
        {
            IOperation operation = context.Operation;
            if (operation is IBinaryOperation { OperatorKind: not BinaryOperatorKind.Add } || !StringPieces.IsOutermost(operation)
                || operation.Type?.SpecialType != SpecialType.System_String && operation is not IUtf8StringOperation)
            {
                return;
            }

            List<StringPiece> segments = StringPieces.Flatten(operation, out string value);
            if (!StatusLine.IsMatch(value))
            {
                return;
            }

            List<HeadLine> lines = HeadLine.Split(value);
            HeadLine? contentType = lines.FirstOrDefault(line => line.Is("Content-Type") && FramingValues.IsEventStream(line.FieldValue));
            if (contentType is null)
            {
                return;
            }

            string where = Describe(context.ContainingSymbol);
            if (value.StartsWith("HTTP/1.0", StringComparison.Ordinal))
            {
                Report(context, operation, segments, lines[0], where, "uses HTTP/1.0", "write 'HTTP/1.1'", "Use HTTP/1.1",
                    segment => ReplaceInSource(segment, "HTTP/1.0", "HTTP/1.1"));
            }

            if (!lines.Any(line => line.Is("Transfer-Encoding") && line.FieldValue.IndexOf("chunked", StringComparison.OrdinalIgnoreCase) >= 0))
            {
                Report(context, operation, segments, contentType, where, "lacks '" + Chunked + "'", "add it and send the body in chunks", "Add '" + Chunked + "'",
                    segment => InsertLineAfter(segment, contentType.Text, Chunked));
            }

            foreach (HeadLine line in lines)
            {
                if (line.Is("Connection") && FramingValues.HasCloseOption(line.FieldValue))
                {
                    Report(context, operation, segments, line, where, "sets 'Connection: close'", "remove that line", "Remove 'Connection: close'",
                        segment => RemoveLine(segment, line.Text));
                }
                else if (line.Is("Content-Length"))
                {
                    Report(context, operation, segments, line, where, "sets a Content-Length", "remove that line", "Remove the Content-Length",
                        segment => RemoveLine(segment, line.Text));
                }
            }
        }

        private static void Report(
            OperationAnalysisContext context,
            IOperation head,
            List<StringPiece> segments,
            HeadLine line,
            string where,
            string problem,
            string fix,
            string title,
            Func<StringPiece, (int Start, int Length, string Text)?> edit)
        {
            StringPiece? segment = segments.FirstOrDefault(s => s.Source is not null && s.Start <= line.Start && line.Start + line.Text.Length <= s.Start + s.Text.Length);
            ImmutableDictionary<string, string?> properties = FramingAnalysis.None;
            if (segment is not null && edit(segment) is { } change)
            {
                properties = FramingAnalysis.Fix(FixProperties.EditText)
                    .Add(FixProperties.EditStart, change.Start.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Add(FixProperties.EditLength, change.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Add(FixProperties.NewText, change.Text)
                    .Add(FixProperties.Title, title);
            }

            Location location = (segment?.Source ?? head.Syntax).GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RawHttpHeadNotChunked, location, properties, where, problem, fix));
        }

        private static (int, int, string)? ReplaceInSource(StringPiece segment, string find, string replacement)
        {
            string source = segment.Source!.ToString();
            int at = source.IndexOf(find, StringComparison.Ordinal);
            return at < 0 ? null : (segment.Source.SpanStart + at, find.Length, replacement);
        }

        private static (int, int, string)? InsertLineAfter(StringPiece segment, string lineText, string newLine)
        {
            string source = segment.Source!.ToString();
            int at = source.IndexOf(lineText, StringComparison.Ordinal);
            if (at < 0 || FindTerminator(source, at + lineText.Length) is not { } end)
            {
                return null;
            }

            // Lines of a raw or verbatim string carry their indentation in the source; the new line needs the same.
            string indentation = end.IsEscape ? string.Empty : source.Substring(at - Indentation(source, at), Indentation(source, at));
            string terminator = source.Substring(end.Start, end.Length);
            // Inserted before the line's own terminator, so the edit never touches a removal of the next line.
            return (segment.Source.SpanStart + end.Start, 0, terminator + indentation + newLine);
        }

        private static (int, int, string)? RemoveLine(StringPiece segment, string lineText)
        {
            string source = segment.Source!.ToString();
            int at = source.IndexOf(lineText, StringComparison.Ordinal);
            if (at < 0 || FindTerminator(source, at + lineText.Length) is not { } end)
            {
                return null;
            }

            int start = end.IsEscape ? at : at - Indentation(source, at);
            int stop = end.Start + end.Length;
            return (segment.Source.SpanStart + start, stop - start, string.Empty);
        }

        private static (int Start, int Length, bool IsEscape)? FindTerminator(string source, int from)
        {
            for (int i = from; i < source.Length; i++)
            {
                if (string.CompareOrdinal(source, i, "\\r\\n", 0, 4) == 0)
                {
                    return (i, 4, true);
                }

                if (string.CompareOrdinal(source, i, "\\n", 0, 2) == 0)
                {
                    return (i, 2, true);
                }

                if (source[i] == '\r' && i + 1 < source.Length && source[i + 1] == '\n')
                {
                    return (i, 2, false);
                }

                if (source[i] == '\n')
                {
                    return (i, 1, false);
                }
            }

            return null;
        }

        // The spaces and tabs just before a line that starts at a real line break in the source.
        private static int Indentation(string source, int lineStart)
        {
            int start = lineStart;
            while (start > 0 && source[start - 1] is ' ' or '\t')
            {
                start--;
            }

            return start > 0 && source[start - 1] == '\n' ? lineStart - start : 0;
        }

        private static string Describe(ISymbol symbol) =>
            symbol.Name.StartsWith("<", StringComparison.Ordinal) || symbol.ContainingType is null
                ? "top-level statements"
                : symbol.ContainingType.Name + "." + symbol.Name;
    }
}
