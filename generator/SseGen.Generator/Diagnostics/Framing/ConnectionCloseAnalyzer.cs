using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>SSE1001: <c>Connection: close</c> (or <c>KeepAlive = false</c>) on a response that is an event stream in the same method.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConnectionCloseAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.ConnectionCloseOnEventStream);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            FramingAnalysis.Register(context, AnalyzeScope);
        }

        private static void AnalyzeScope(OperationBlockAnalysisContext context, ResponseFacts facts, FramingTypes types)
        {
            FramingAnalysis.ReportRemovableOnEventStream(context, facts, facts.ConnectionCloses, DiagnosticDescriptors.ConnectionCloseOnEventStream);
        }
    }
}
