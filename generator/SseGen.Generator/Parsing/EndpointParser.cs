using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SseGen.Generator.Diagnostics;
using SseGen.Generator.Model;
using static SseGen.Generator.Parsing.Reporting;
using static SseGen.Generator.Parsing.SymbolFacts;

namespace SseGen.Generator.Parsing
{
    /// <summary>
    /// Turns an <c>[SseEndpoint]</c> method into an <see cref="EndpointSpec"/>, or <see langword="null"/> when it is misused.
    /// The analyzer runs the same checks with a <c>report</c> callback, so the generator and the diagnostics never disagree.
    /// </summary>
    internal static class EndpointParser
    {
        /// <summary>The generator's transform: the model, or <see langword="null"/> when the analyzer reports an error.</summary>
        public static EndpointSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
            context.TargetSymbol is IMethodSymbol method
                ? Parse(method, context.Attributes[0], report: null, cancellationToken)
                : null;

        /// <summary>Checks <paramref name="method"/> and builds its model; every problem goes to <paramref name="report"/> when given.</summary>
        public static EndpointSpec? Parse(IMethodSymbol method, AttributeData attribute, Action<Diagnostic>? report, CancellationToken cancellationToken)
        {
            bool valid = true;
            string methodName = method.ContainingType.Name + "." + method.Name;

            if (!IsAccessible(method))
            {
                valid = false;
                Report(report, DiagnosticDescriptors.InaccessibleEndpoint, method.Locations.FirstOrDefault(), methodName);
            }

            for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                if (!IsAccessible(type))
                {
                    valid = false;
                    Report(report, DiagnosticDescriptors.InaccessibleEndpoint, method.Locations.FirstOrDefault(), type.ToDisplayString());
                }
            }

            if (method.IsGenericMethod || IsInGenericType(method))
            {
                valid = false;
                Report(report, DiagnosticDescriptors.GenericEndpoint, method.Locations.FirstOrDefault(), methodName);
            }

            ResultKind result = ResultKind.AsyncEnumerable;
            ITypeSymbol returned = method.ReturnType;
            if (returned is INamedTypeSymbol { IsGenericType: true } awaitable
                && (IsGeneric(awaitable, KnownNames.Task) || IsGeneric(awaitable, KnownNames.ValueTask)))
            {
                result = ResultKind.Awaitable;
                returned = awaitable.TypeArguments[0];
            }

            ITypeSymbol? itemType = returned is INamedTypeSymbol enumerable && IsGeneric(enumerable, KnownNames.IAsyncEnumerable)
                ? enumerable.TypeArguments[0]
                : null;

            // A topic's subscription enumerates encoded frames; its T is what the stream's events are, for the API description.
            ITypeSymbol? frameType = null;
            if (returned is INamedTypeSymbol subscription && IsGeneric(subscription, KnownNames.SseSubscription))
            {
                itemType = subscription.TypeArguments[0];
                frameType = subscription.AllInterfaces.FirstOrDefault(i => IsGeneric(i, KnownNames.IAsyncEnumerable))?.TypeArguments[0];
            }

            OutcomeSpec? outcome = null;
            if (itemType is null && returned is INamedTypeSymbol results && ParseOutcome(results) is { } parsed)
            {
                (outcome, itemType) = parsed;
            }
            if (itemType is null)
            {
                valid = false;
                Report(report, DiagnosticDescriptors.ReturnTypeNotAsyncEnumerable, method.Locations.FirstOrDefault(), methodName);
            }

            string? pattern = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
            if (!RoutePattern.TryParse(pattern, out List<string> routeParameters, out string routeError))
            {
                valid = false;
                Report(report, DiagnosticDescriptors.InvalidRoutePattern, ArgumentLocation(attribute, 0, null, cancellationToken), pattern ?? "null", methodName, routeError);
            }

            string? eventType = null;
            string? endSentinel = null;
            int heartbeatSeconds = -1;
            int retryMilliseconds = -1;
            foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case "EventType":
                        eventType = named.Value.Value as string;
                        if (eventType is not null && !IsValidEventType(eventType))
                        {
                            valid = false;
                            Report(report, DiagnosticDescriptors.InvalidEventType, ArgumentLocation(attribute, -1, "EventType", cancellationToken), methodName);
                        }

                        break;
                    case "EndSentinel":
                        endSentinel = named.Value.Value as string;
                        if (endSentinel is not null && !IsValidEndSentinel(endSentinel))
                        {
                            valid = false;
                            Report(report, DiagnosticDescriptors.InvalidEndSentinel, ArgumentLocation(attribute, -1, "EndSentinel", cancellationToken), methodName);
                        }

                        break;
                    case "HeartbeatSeconds":
                    case "RetryMilliseconds":
                        int value = named.Value.Value is int number ? number : -1;
                        if (value < -1)
                        {
                            valid = false;
                            Report(report, DiagnosticDescriptors.InvalidStreamSetting, ArgumentLocation(attribute, -1, named.Key, cancellationToken), named.Key, methodName);
                        }
                        else if (named.Key == "HeartbeatSeconds")
                        {
                            heartbeatSeconds = value;
                        }
                        else
                        {
                            retryMilliseconds = value;
                        }

                        break;
                }
            }

            bool isContract = !method.IsStatic && method.ContainingType.TypeKind == TypeKind.Interface;
            var parameters = new List<ParameterSpec>(method.Parameters.Length);
            bool sawLastEventId = false;
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                ParameterSpec? spec = ParameterParser.Parse(parameter, routeParameters, methodName, ref sawLastEventId, report);
                if (spec is null)
                {
                    valid = false;
                }
                else if (isContract && spec.Source is ParameterSource.Services or ParameterSource.HttpContext)
                {
                    // A generated client implements the contract too, and has nothing to send for these.
                    valid = false;
                    Report(report, DiagnosticDescriptors.ContractParameterNotSendable, parameter.Locations.FirstOrDefault(), parameter.Name, methodName);
                }
                else
                {
                    parameters.Add(spec);
                }
            }

            ITypeSymbol[] caseTypes = Array.Empty<ITypeSymbol>();
            ItemSpec? items = itemType is null ? null : ItemParser.Parse(itemType, eventType, method, report, out caseTypes, cancellationToken);
            if (items is not null && frameType is not null)
            {
                items = items with { ItemType = SymbolFacts.TypeRef(frameType), IsEncodedFrame = true };
            }
            EquatableArray<AttributeSpec>? attributes = MetadataAttributeParser.Parse(method, methodName, report, cancellationToken);
            if (!valid || items is null || attributes is null)
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            INamedTypeSymbol owner = method.ContainingType;
            string ns = owner.ContainingNamespace.IsGlobalNamespace ? string.Empty : owner.ContainingNamespace.ToDisplayString();
            string nsPrefix = ns.Length == 0 ? string.Empty : ns + ".";

            // Overloads would share a hint name and a class name: number them in source order, which is stable.
            string overload = OverloadSuffix(method, attribute);
            string className = TypeChain(owner, "_") + "_" + method.Name + overload.Replace('.', '_') + "_SseEndpoint";
            return new EndpointSpec(
                HintName: nsPrefix + TypeChain(owner, ".") + "." + method.Name + overload + ".g.cs",
                Namespace: ns,
                ClassName: className,
                Owner: SymbolFacts.TypeRef(owner),
                OwnerName: EscapeIdentifier(owner.Name),
                OwnerKind: OwnerKindOf(method),
                Method: EscapeIdentifier(method.Name),
                EndpointName: nsPrefix + TypeChain(owner, ".") + "." + method.Name,
                Route: new RouteSpec(
                    pattern!,
                    "global::" + nsPrefix + className,
                    owner.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                    EscapeIdentifier(TypeChain(owner, "_")),
                    EscapeIdentifier(nsPrefix.Replace('.', '_') + TypeChain(owner, "_")),
                    EscapeIdentifier(method.Name + overload.Replace('.', '_'))),
                Result: result,
                Outcome: outcome,
                Items: items,
                Parameters: parameters.ToEquatableArray(),
                RequestValues: parameters.Where(p => p.IsRequestValue && !p.IsOptionalInRequest)
                    .Concat(parameters.Where(p => p.IsRequestValue && p.IsOptionalInRequest))
                    .ToEquatableArray(),
                CanFailBinding: parameters.Any(CanFailBinding),
                HeartbeatSeconds: heartbeatSeconds,
                RetryMilliseconds: retryMilliseconds,
                EndSentinel: endSentinel,
                Attributes: attributes.Value,
                Client: Client.ClientParser.Parse(pattern!, method, parameters, items, itemType!, caseTypes, endSentinel, cancellationToken));
        }

        /// <summary>A <c>Results&lt;…&gt;</c> with exactly one <c>SseStream&lt;T&gt;</c> case, and its item type; otherwise <see langword="null"/>.</summary>
        private static (OutcomeSpec Outcome, ITypeSymbol ItemType)? ParseOutcome(INamedTypeSymbol results)
        {
            if (!results.IsGenericType || !MetadataName(results.OriginalDefinition).StartsWith(KnownNames.ResultsUnionPrefix, StringComparison.Ordinal))
            {
                return null;
            }

            INamedTypeSymbol[] streams = results.TypeArguments.OfType<INamedTypeSymbol>().Where(t => IsGeneric(t, KnownNames.SseStream)).ToArray();
            if (streams.Length != 1)
            {
                return null;
            }

            // Only cases that describe themselves (NotFound, Conflict, ProblemHttpResult, ...) add response metadata.
            var rejections = results.TypeArguments
                .Where(t => !SymbolEqualityComparer.Default.Equals(t, streams[0])
                    && t.AllInterfaces.Any(i => MetadataName(i) == KnownNames.IEndpointMetadataProvider))
                .Select(t => t.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
                .ToEquatableArray();
            return (new OutcomeSpec(results.ToDisplayString(TypeFormat), streams[0].ToDisplayString(TypeFormat), rejections), streams[0].TypeArguments[0]);
        }

        // A parsed value can be malformed; a text value can only be missing, and Last-Event-ID never is required;
        // any value with a validation attribute can fail it.
        private static bool CanFailBinding(ParameterSpec parameter) =>
            parameter.IsValidated
            || (parameter.IsRequestValue
                && parameter.Source != ParameterSource.LastEventId
                && (parameter.Parse != ParseKind.String || !parameter.IsOptional));

        /// <summary>Whether <paramref name="eventType"/> can be an <c>event:</c> field: not empty, no CR, LF or NUL.</summary>
        public static bool IsValidEventType(string eventType) =>
            eventType.Length > 0 && eventType.IndexOfAny(new[] { '\r', '\n', '\0' }) < 0;

        /// <summary>Whether <paramref name="sentinel"/> can be an end sentinel: one non-empty <c>data:</c> line, no CR or LF.</summary>
        public static bool IsValidEndSentinel(string sentinel) =>
            sentinel.Length > 0 && sentinel.IndexOfAny(new[] { '\r', '\n' }) < 0;

        private static bool IsInGenericType(IMethodSymbol method)
        {
            for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                if (type.IsGenericType)
                {
                    return true;
                }
            }

            return false;
        }

        private static OwnerKind OwnerKindOf(IMethodSymbol method)
        {
            if (method.IsStatic)
            {
                return OwnerKind.Static;
            }

            INamedTypeSymbol owner = method.ContainingType;
            if (owner.TypeKind == TypeKind.Interface)
            {
                return OwnerKind.Contract;
            }

            if (owner.AllInterfaces.Any(i => i.ToDisplayString() == "System.IAsyncDisposable"))
            {
                return OwnerKind.AsyncDisposable;
            }

            return owner.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_IDisposable) ? OwnerKind.Disposable : OwnerKind.Instance;
        }

        private static string OverloadSuffix(IMethodSymbol method, AttributeData attribute)
        {
            IMethodSymbol[] endpoints = method.ContainingType.GetMembers(method.Name)
                .OfType<IMethodSymbol>()
                .Where(m => m.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute.AttributeClass)))
                .OrderBy(m => m.Locations.FirstOrDefault()?.SourceTree?.FilePath, StringComparer.Ordinal)
                .ThenBy(m => m.Locations.FirstOrDefault()?.SourceSpan.Start)
                .ToArray();
            if (endpoints.Length < 2)
            {
                return string.Empty;
            }

            int index = Array.FindIndex(endpoints, m => SymbolEqualityComparer.Default.Equals(m, method));
            return "." + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        private static string TypeChain(INamedTypeSymbol type, string separator) =>
            type.ContainingType is { } outer ? TypeChain(outer, separator) + separator + type.Name : type.Name;
    }
}
