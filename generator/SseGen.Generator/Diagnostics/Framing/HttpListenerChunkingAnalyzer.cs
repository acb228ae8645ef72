using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>SSE1003: an <c>HttpListenerResponse</c> serving text/event-stream without <c>SendChunked = true</c>.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HttpListenerChunkingAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.HttpListenerEventStreamNotChunked);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            FramingAnalysis.Register(context, AnalyzeScope);
        }

        private static void AnalyzeScope(OperationBlockAnalysisContext context, ResponseFacts facts, FramingTypes types)
        {
            var seen = new HashSet<ResponseRef>();
            foreach (ResponseWrite mark in facts.EventStreamMarks)
            {
                // A helper that makes the stream is checked in its own body, where its SendChunked would be.
                if (mark.IsInHelper || !types.IsListenerResponse(mark.ResponseOperation.Type) || !seen.Add(mark.Response))
                {
                    continue;
                }

                List<ResponseWrite> chunked = facts.SendChunkedWrites.Where(write => write.Response.Equals(mark.Response)).ToList();
                List<ResponseWrite> turnedOff = chunked.Where(write => write.Value is not null && FramingValues.ConstantBool(write.Value) == false).ToList();
                foreach (ResponseWrite off in turnedOff)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.HttpListenerEventStreamNotChunked,
                        off.Value!.Syntax.GetLocation(),
                        FramingAnalysis.Fix(FixProperties.ReplaceWithTrue),
                        FramingAnalysis.Describe(off.ResponseOperation)));
                }

                if (chunked.Count == 0)
                {
                    string response = FramingAnalysis.Describe(mark.ResponseOperation);
                    ImmutableDictionary<string, string?> fix = mark.Operation.Parent is IExpressionStatementOperation
                        ? FramingAnalysis.Fix(FixProperties.InsertStatementAfter).Add(FixProperties.Statement, response + ".SendChunked = true;")
                        : FramingAnalysis.None;
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.HttpListenerEventStreamNotChunked,
                        mark.Operation.Syntax.GetLocation(),
                        fix,
                        response));
                }
            }
        }
    }
}
