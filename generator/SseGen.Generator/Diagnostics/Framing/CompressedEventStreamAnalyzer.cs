using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>
    /// SSE1008: response compression configured for <c>text/event-stream</c> (or <c>*/*</c>) in an app that writes event
    /// streams by hand. The compressing body holds written bytes until a flush, so a stream that does not flush each event
    /// delivers nothing until it ends; SseGen's own streams send <c>Content-Encoding: identity</c> and are never compressed.
    /// </summary>
    /// <remarks>Reported only when some code outside the configuration names the event-stream type: a hand-written stream.</remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CompressedEventStreamAnalyzer : DiagnosticAnalyzer
    {
        private const string EventStream = "text/event-stream";
        private const string Everything = "*/*";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.EventStreamCompressed);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? options = start.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.ResponseCompression.ResponseCompressionOptions");
                if (options is null)
                {
                    return;
                }

                // The configuration and the streams usually live in different files. Scanning the syntax once, and only
                // when a configuration covers event streams (rare), keeps the rule local, so it shows as you type and has its fix.
                Compilation compilation = start.Compilation;
                var handWritten = new Lazy<bool>(() => HasHandWrittenEventStream(compilation, start.CancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
                start.RegisterOperationAction(c => AnalyzeConfiguration(c, options, handWritten), OperationKind.SimpleAssignment);
            });
        }

        private static void AnalyzeConfiguration(OperationAnalysisContext context, INamedTypeSymbol options, Lazy<bool> handWritten)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (!IsOptionsProperty(assignment.Target, options, "MimeTypes"))
            {
                return;
            }

            ILiteralOperation? compressed = MimeTypeLiterals(assignment.Value).FirstOrDefault(l => Is(l, EventStream) || Is(l, Everything));
            if (compressed is null || ExcludesEventStreamNearby(assignment, options) || !handWritten.Value)
            {
                return;
            }

            bool named = Is(compressed, EventStream);
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.EventStreamCompressed,
                compressed.Syntax.GetLocation(),
                named ? FramingAnalysis.Fix(FixProperties.RemoveElement) : FramingAnalysis.None,
                (string)compressed.ConstantValue.Value!,
                named ? "remove it from MimeTypes" : "add \"text/event-stream\" to ExcludedMimeTypes"));
        }

        // ExcludedMimeTypes wins over MimeTypes; an exclusion in the same configuration (lambda or method) settles it.
        private static bool ExcludesEventStreamNearby(IOperation assignment, INamedTypeSymbol options)
        {
            IOperation root = assignment;
            while (root.Parent is { } parent && root.Kind is not (OperationKind.AnonymousFunction or OperationKind.LocalFunction or OperationKind.MethodBody))
            {
                root = parent;
            }

            return root.Descendants()
                .OfType<ISimpleAssignmentOperation>()
                .Any(a => IsOptionsProperty(a.Target, options, "ExcludedMimeTypes") && MimeTypeLiterals(a.Value).Any(l => Is(l, EventStream)));
        }

        private static bool IsOptionsProperty(IOperation target, INamedTypeSymbol options, string name) =>
            target is IPropertyReferenceOperation property
            && property.Property.Name == name
            && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, options);

        private static ImmutableArray<ILiteralOperation> MimeTypeLiterals(IOperation value) =>
            value.DescendantsAndSelf().OfType<ILiteralOperation>().Where(l => l.ConstantValue is { HasValue: true, Value: string }).ToImmutableArray();

        private static bool Is(ILiteralOperation literal, string mimeType)
        {
            string value = (string)literal.ConstantValue.Value!;
            int parameters = value.IndexOf(';');
            return string.Equals((parameters < 0 ? value : value.Substring(0, parameters)).Trim(), mimeType, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>
        /// Whether code outside a compression configuration names the event-stream type: a string literal starting with
        /// <c>text/event-stream</c> or <c>MediaTypeNames.Text.EventStream</c>. Syntax only, once per compilation.
        /// </summary>
        private static bool HasHandWrittenEventStream(Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                foreach (SyntaxToken token in tree.GetRoot(cancellationToken).DescendantTokens())
                {
                    bool names = token.IsKind(SyntaxKind.StringLiteralToken)
                        ? token.ValueText.TrimStart().StartsWith(EventStream, StringComparison.OrdinalIgnoreCase)
                        : token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == "EventStream" && token.Parent?.Parent is MemberAccessExpressionSyntax;
                    if (names && !InMimeTypeList(token))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool InMimeTypeList(SyntaxToken token) =>
            token.Parent!.AncestorsAndSelf().OfType<AssignmentExpressionSyntax>().Any(static a =>
                (a.Left is MemberAccessExpressionSyntax member ? member.Name.Identifier.ValueText : (a.Left as IdentifierNameSyntax)?.Identifier.ValueText)
                    is "MimeTypes" or "ExcludedMimeTypes");
    }
}
