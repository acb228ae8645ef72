using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>What the response-head framing analyzers share: one registration per compilation, one pass per method scope.</summary>
    internal static class FramingAnalysis
    {
        private static readonly ImmutableDictionary<string, string?> NoFix = ImmutableDictionary<string, string?>.Empty;

        /// <summary>Runs <paramref name="analyzeScope"/> over the shared facts of each scope of each operation block.</summary>
        public static void Register(AnalysisContext context, Action<OperationBlockAnalysisContext, ResponseFacts, FramingTypes> analyzeScope)
        {
            context.RegisterCompilationStartAction(start =>
            {
                FramingCompilation framing = FramingCompilation.Of(start.Compilation);
                if (!framing.Types.HasResponseTypes)
                {
                    return;
                }

                start.RegisterOperationBlockAction(block =>
                {
                    foreach (IOperation root in block.OperationBlocks)
                    {
                        foreach (ResponseFacts facts in framing.FactsOf(root, block.OwningSymbol, block.CancellationToken))
                        {
                            analyzeScope(block, facts, framing.Types);
                        }
                    }
                });
            });
        }

        /// <summary>Offers to remove <paramref name="write"/> when it is a statement of its own.</summary>
        public static ImmutableDictionary<string, string?> RemoveStatementFix(IOperation write) =>
            write.Parent is IExpressionStatementOperation
                ? NoFix.Add(FixProperties.Fix, FixProperties.RemoveStatement)
                : NoFix;

        public static ImmutableDictionary<string, string?> Fix(string fix) => NoFix.Add(FixProperties.Fix, fix);

        public static ImmutableDictionary<string, string?> None => NoFix;

        /// <summary>How a response is spelled in the diagnostic message: the user's own expression.</summary>
        public static string Describe(IOperation response) => response.Syntax.ToString();

        /// <summary>Reports each of <paramref name="writes"/> made to an event-stream response, with a fix that removes its statement.</summary>
        public static void ReportRemovableOnEventStream(OperationBlockAnalysisContext context, ResponseFacts facts, IEnumerable<ResponseWrite> writes, DiagnosticDescriptor descriptor)
        {
            foreach (ResponseWrite write in writes)
            {
                if (facts.IsEventStreamAt(write.Response, write.Operation))
                {
                    // Made in a helper: reported at the call, with the chain, and no fix (the call may do more than this).
                    context.ReportDiagnostic(Diagnostic.Create(
                        descriptor,
                        write.Operation.Syntax.GetLocation(),
                        write.IsInHelper ? NoFix : RemoveStatementFix(write.Operation),
                        write.Described,
                        write.ViaText));
                }
            }
        }
    }
}
