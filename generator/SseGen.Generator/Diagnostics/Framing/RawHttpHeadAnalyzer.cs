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
                OperationKind.Binary,
                OperationKind.Invocation);
        }

        private static void AnalyzeString(OperationAnalysisContext context)
        {
            IOperation operation = context.Operation;
            if (operation is IBinaryOperation { OperatorKind: not BinaryOperatorKind.Add }
                || (operation is IInvocationOperation && !StringPieces.IsConcatOrFormat(operation))
                || !StringPieces.IsOutermost(operation)
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
                Report(context, operation, segments, lines[0], where, "uses HTTP/1.0", "write 'HTTP/1.1'", "Use HTTP/1.1", HeadEdit.UseHttp11);
            }

            if (!lines.Any(line => line.Is("Transfer-Encoding") && line.FieldValue.IndexOf("chunked", StringComparison.OrdinalIgnoreCase) >= 0))
            {
                Report(context, operation, segments, contentType, where, "lacks '" + HeadEdit.Chunked + "'", "add it and send the body in chunks", "Add '" + HeadEdit.Chunked + "'", HeadEdit.AddChunked);
            }

            foreach (HeadLine line in lines)
            {
                if (line.Is("Connection") && FramingValues.HasCloseOption(line.FieldValue))
                {
                    Report(context, operation, segments, line, where, "sets 'Connection: close'", "remove that line", "Remove 'Connection: close'", HeadEdit.RemoveLine);
                }
                else if (line.Is("Content-Length"))
                {
                    Report(context, operation, segments, line, where, "sets a Content-Length", "remove that line", "Remove the Content-Length", HeadEdit.RemoveLine);
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
            string edit)
        {
            StringPiece? segment = segments.FirstOrDefault(s => s.Source is not null && s.Start <= line.Start && line.Start + line.Text.Length <= s.Start + s.Text.Length);
            ImmutableDictionary<string, string?> properties = FramingAnalysis.None;
            if (segment?.Source is { } source && HeadEdit.For(source, edit, line.Text) is not null)
            {
                // What to change and in which line, not where: the fix finds the string at the diagnostic's location again.
                properties = FramingAnalysis.Fix(FixProperties.EditHead)
                    .Add(FixProperties.HeadEdit, edit)
                    .Add(FixProperties.HeadLine, line.Text)
                    .Add(FixProperties.Title, title);
            }

            Location location = (segment?.Source ?? head.Syntax).GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RawHttpHeadNotChunked, location, properties, where, problem, fix));
        }

        private static string Describe(ISymbol symbol) =>
            symbol.Name.StartsWith("<", StringComparison.Ordinal) || symbol.ContainingType is null
                ? "top-level statements"
                : symbol.ContainingType.Name + "." + symbol.Name;
    }
}
