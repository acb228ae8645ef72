using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>
    /// SSE1007: <c>TypedResults.ServerSentEvents</c> (or <c>Results.</c>) over <c>SseItem&lt;T&gt;</c> items bound to the
    /// overload for plain values, which an event type argument selects: each whole <c>SseItem</c> becomes JSON data.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SseItemEventTypeAnalyzer : DiagnosticAnalyzer
    {
        private const string MethodName = "ServerSentEvents";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.SseItemSerializedWhole);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                // Resolved once per compilation; a project without ASP.NET Core's results or the SSE types has nothing to check.
                INamedTypeSymbol? sseItem = start.Compilation.GetTypeByMetadataName("System.Net.ServerSentEvents.SseItem`1");
                ImmutableArray<INamedTypeSymbol> factories = new[] { "Microsoft.AspNetCore.Http.TypedResults", "Microsoft.AspNetCore.Http.Results" }
                    .Select(start.Compilation.GetTypeByMetadataName)
                    .Where(static t => t is not null)
                    .Select(static t => t!)
                    .ToImmutableArray();
                if (sseItem is null || factories.IsEmpty)
                {
                    return;
                }

                start.RegisterOperationAction(c => Analyze(c, sseItem, factories), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol sseItem, ImmutableArray<INamedTypeSymbol> factories)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            if (method.Name != MethodName
                || !method.IsGenericMethod
                || !factories.Contains(method.ContainingType, SymbolEqualityComparer.Default)
                || method.TypeArguments[0] is not INamedTypeSymbol { IsGenericType: true } item
                || !SymbolEqualityComparer.Default.Equals(item.OriginalDefinition, sseItem)
                || method.Parameters.Length == 0
                || !IsEnumerableOf(method.Parameters[0].Type, method.TypeArguments[0]))
            {
                return;
            }

            string call = method.ContainingType.Name + "." + MethodName;
            string data = item.TypeArguments[0].ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            IArgumentOperation? eventType = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "eventType");
            if (eventType is { ArgumentKind: ArgumentKind.Explicit })
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.SseItemSerializedWhole,
                    eventType.Syntax.GetLocation(),
                    FramingAnalysis.Fix(FixProperties.RemoveArgument),
                    call,
                    data));
                return;
            }

            // Chosen by an explicit type argument: no argument to drop, so no mechanical fix.
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SseItemSerializedWhole, invocation.Syntax.GetLocation(), FramingAnalysis.None, call, data));
        }

        // The overload for plain values takes IAsyncEnumerable<T> with T the SseItem itself; the right one takes IAsyncEnumerable<SseItem<T>>
        // with T the data, so its type argument is never an SseItem.
        private static bool IsEnumerableOf(ITypeSymbol parameter, ITypeSymbol element) =>
            parameter is INamedTypeSymbol { Name: "IAsyncEnumerable", TypeArguments.Length: 1 } enumerable
            && SymbolEqualityComparer.Default.Equals(enumerable.TypeArguments[0], element);
    }
}
