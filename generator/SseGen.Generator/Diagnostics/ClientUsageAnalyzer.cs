using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SseGen.Generator.Parsing;

namespace SseGen.Generator.Diagnostics
{
    /// <summary>
    /// Reports misuse of <c>[SseClient]</c> (SSE0021, SSE0022). It runs the generator's own client parser, so every class
    /// the generator skips has the diagnostics that say why.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ClientUsageAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.InvalidClientDeclaration,
            DiagnosticDescriptors.ClientJsonContractMissing);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (start.Compilation.GetTypeByMetadataName(KnownNames.SseClientAttribute) is not { } clientAttribute)
                {
                    return;
                }

                start.RegisterSymbolAction(
                    symbol =>
                    {
                        var type = (INamedTypeSymbol)symbol.Symbol;
                        if (type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, clientAttribute)) is { } attribute)
                        {
                            ContractClientParser.Parse(type, attribute, symbol.Compilation, symbol.ReportDiagnostic, symbol.CancellationToken);
                        }
                    },
                    SymbolKind.NamedType);
            });
        }
    }
}
