using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>SSE1002: a Content-Length on a response that is an event stream in the same method.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ContentLengthAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.ContentLengthOnEventStream);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            FramingAnalysis.Register(context, AnalyzeScope);
        }

        private static void AnalyzeScope(OperationBlockAnalysisContext context, ResponseFacts facts, FramingTypes types)
        {
            FramingAnalysis.ReportRemovableOnEventStream(context, facts, facts.ContentLengths, DiagnosticDescriptors.ContentLengthOnEventStream);
        }
    }
}
