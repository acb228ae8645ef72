using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SseGen.Generator.Parsing;

namespace SseGen.Generator.Diagnostics
{
    /// <summary>
    /// Reports misuse of <c>[SseEndpoint]</c> and <c>[SseEvent]</c> (SSE0xxx). It runs the generator's own parser,
    /// so every method the generator skips has exactly the diagnostics that say why.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class EndpointUsageAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.ReturnTypeNotAsyncEnumerable,
            DiagnosticDescriptors.GenericEndpoint,
            DiagnosticDescriptors.UnsupportedParameter,
            DiagnosticDescriptors.InvalidRoutePattern,
            DiagnosticDescriptors.DuplicateRoute,
            DiagnosticDescriptors.InvalidEventType,
            DiagnosticDescriptors.DuplicateEventType,
            DiagnosticDescriptors.MultipleLastEventId,
            DiagnosticDescriptors.LastEventIdNotString,
            DiagnosticDescriptors.InaccessibleEndpoint,
            DiagnosticDescriptors.InvalidStreamSetting,
            DiagnosticDescriptors.AttributeNotHonoured,
            DiagnosticDescriptors.UnionTypeWithoutEventType,
            DiagnosticDescriptors.ValidationAttributeNotHonoured,
            DiagnosticDescriptors.ContractParameterNotSendable,
            DiagnosticDescriptors.InvalidEndSentinel,
            DiagnosticDescriptors.ReferencedContractNotMappable);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? endpointAttribute = start.Compilation.GetTypeByMetadataName(KnownNames.SseEndpointAttribute);
                INamedTypeSymbol? eventAttribute = start.Compilation.GetTypeByMetadataName(KnownNames.SseEventAttribute);
                if (endpointAttribute is null)
                {
                    return;
                }

                var routes = new ConcurrentBag<(string Shape, string Pattern, IMethodSymbol Method, Location? Location)>();
                start.RegisterSymbolAction(symbol => AnalyzeMethod(symbol, endpointAttribute, routes), SymbolKind.Method);
                if (eventAttribute is not null)
                {
                    start.RegisterSymbolAction(symbol => AnalyzeEventType(symbol, eventAttribute), SymbolKind.NamedType);
                }

                // A server maps the contracts of the contract projects it references: what the generator would skip is an error here.
                bool canMap = start.Compilation.GetTypeByMetadataName(KnownNames.SseResponse) is not null
                    && start.Compilation.GetTypeByMetadataName(KnownNames.IEndpointRouteBuilder) is not null;
                var clientContracts = new ConcurrentDictionary<string, bool>(System.StringComparer.Ordinal);
                INamedTypeSymbol? clientAttribute = start.Compilation.GetTypeByMetadataName(KnownNames.SseClientAttribute);
                if (canMap && clientAttribute is not null)
                {
                    start.RegisterSymbolAction(symbol => CollectClientContract(symbol, clientAttribute, clientContracts), SymbolKind.NamedType);
                }

                start.RegisterCompilationEndAction(end =>
                {
                    if (canMap)
                    {
                        AnalyzeReferencedContracts(end, clientContracts.Keys.ToList(), routes);
                    }

                    ReportDuplicateRoutes(end, routes);
                });
            });
        }

        private static void AnalyzeMethod(
            SymbolAnalysisContext context,
            INamedTypeSymbol endpointAttribute,
            ConcurrentBag<(string, string, IMethodSymbol, Location?)> routes)
        {
            var method = (IMethodSymbol)context.Symbol;
            AttributeData? attribute = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, endpointAttribute));
            if (attribute is null)
            {
                return;
            }

            EndpointParser.Parse(method, attribute, context.ReportDiagnostic, context.CancellationToken);
            if (attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string pattern
                && RoutePattern.TryParse(pattern, out _, out _))
            {
                routes.Add((RoutePattern.Shape(pattern), pattern, method, Reporting.ArgumentLocation(attribute, 0, null, context.CancellationToken)));
            }
        }

        private static void AnalyzeEventType(SymbolAnalysisContext context, INamedTypeSymbol eventAttribute)
        {
            foreach (AttributeData attribute in context.Symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, eventAttribute)
                    && attribute.ConstructorArguments.Length == 1
                    && !EndpointParser.IsValidEventType(attribute.ConstructorArguments[0].Value as string ?? string.Empty))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.InvalidEventType,
                        Reporting.ArgumentLocation(attribute, 0, null, context.CancellationToken),
                        context.Symbol.Name));
                }
            }
        }

        private static void CollectClientContract(SymbolAnalysisContext context, INamedTypeSymbol clientAttribute, ConcurrentDictionary<string, bool> clientContracts)
        {
            foreach (AttributeData attribute in context.Symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, clientAttribute)
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is INamedTypeSymbol contract)
                {
                    clientContracts[contract.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)] = true;
                }
            }
        }

        /// <summary>
        /// SSE0024 for each referenced contract the generator would not map (its project built it with another SseGen, or
        /// it is not public); each mapped method's route joins the duplicate check, with no location of its own.
        /// </summary>
        private static void AnalyzeReferencedContracts(
            CompilationAnalysisContext context,
            List<string> clientContracts,
            ConcurrentBag<(string Shape, string Pattern, IMethodSymbol Method, Location? Location)> routes)
        {
            foreach (ReferencedContractParser.ContractMethod contract in ReferencedContractParser.Methods(context.Compilation, clientContracts, context.CancellationToken))
            {
                string? problem = contract.Problem;
                if (problem is null)
                {
                    var reported = new List<Diagnostic>();
                    if (EndpointParser.Parse(contract.Method!, contract.Attribute!, reported.Add, context.CancellationToken) is null)
                    {
                        problem = "its method '" + contract.Method!.Name + "' is not a valid endpoint here"
                            + (reported.Count > 0 ? " (" + reported[0].Id + ": " + reported[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture) + ")" : string.Empty);
                    }
                    else if (contract.Attribute!.ConstructorArguments[0].Value is string pattern)
                    {
                        routes.Add((RoutePattern.Shape(pattern), pattern, contract.Method!, null));
                    }
                }

                if (problem is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.ReferencedContractNotMappable,
                        Location.None,
                        contract.Contract.ToDisplayString(),
                        contract.Assembly.Identity.Name,
                        problem));
                }
            }
        }

        private static void ReportDuplicateRoutes(
            CompilationAnalysisContext context,
            ConcurrentBag<(string Shape, string Pattern, IMethodSymbol Method, Location? Location)> routes)
        {
            // Ordered by source position, so the second of two endpoints is the one reported, whatever the analysis order.
            foreach (IGrouping<string, (string Shape, string Pattern, IMethodSymbol Method, Location? Location)> group in routes
                .OrderBy(r => r.Location?.SourceTree?.FilePath, System.StringComparer.Ordinal)
                .ThenBy(r => r.Location?.SourceSpan.Start)
                .GroupBy(r => r.Shape, System.StringComparer.Ordinal))
            {
                List<(string Shape, string Pattern, IMethodSymbol Method, Location? Location)> same = group.ToList();
                for (int i = 1; i < same.Count; i++)
                {
                    if (same[i].Location is null)
                    {
                        // Two referenced contracts map one route: neither has a place in this project's source to report at.
                        context.ReportDiagnostic(Diagnostic.Create(
                            DiagnosticDescriptors.ReferencedContractNotMappable,
                            Location.None,
                            same[i].Method.ContainingType.ToDisplayString(),
                            same[i].Method.ContainingAssembly.Identity.Name,
                            "its method '" + same[i].Method.Name + "' maps the route '" + same[i].Pattern + "', which '" + same[0].Method.ContainingType.Name + "." + same[0].Method.Name + "' maps already"));
                        continue;
                    }

                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.DuplicateRoute,
                        same[i].Location,
                        same[i].Method.ContainingType.Name + "." + same[i].Method.Name,
                        same[i].Pattern,
                        same[0].Method.ContainingType.Name + "." + same[0].Method.Name));
                }
            }
        }
    }
}
