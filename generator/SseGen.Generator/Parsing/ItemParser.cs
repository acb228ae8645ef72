using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SseGen.Generator.Diagnostics;
using SseGen.Generator.Model;

namespace SseGen.Generator.Parsing
{
    /// <summary>Decides how the items of an endpoint are written: text, <c>SseItem</c>, JSON or a typed union.</summary>
    internal static class ItemParser
    {
        public static ItemSpec? Parse(ITypeSymbol itemType, string? endpointEventType, IMethodSymbol method, Action<Diagnostic>? report, CancellationToken cancellationToken) =>
            Parse(itemType, endpointEventType, method, report, out _, cancellationToken);

        /// <summary>As <see cref="Parse(ITypeSymbol, string?, IMethodSymbol, Action{Diagnostic}?, CancellationToken)"/>; <paramref name="caseTypes"/> are a union's case types in the order of its cases.</summary>
        public static ItemSpec? Parse(ITypeSymbol itemType, string? endpointEventType, IMethodSymbol method, Action<Diagnostic>? report, out ITypeSymbol[] caseTypes, CancellationToken cancellationToken)
        {
            caseTypes = Array.Empty<ITypeSymbol>();
            TypeRef declared = SymbolFacts.TypeRef(itemType);
            if (itemType.SpecialType == SpecialType.System_String)
            {
                return new ItemSpec(ItemKind.String, declared, null, endpointEventType, EquatableArray<EventCaseSpec>.Empty);
            }

            // A relay's pre-encoded events: any event type, id and comment, so described as text items that name their own.
            if (itemType is INamedTypeSymbol frame && SymbolFacts.Is(frame, KnownNames.SseFrame))
            {
                return new ItemSpec(ItemKind.SseItemString, declared, null, null, EquatableArray<EventCaseSpec>.Empty, IsEncodedFrame: true);
            }

            if (itemType is INamedTypeSymbol named && SymbolFacts.IsGeneric(named, KnownNames.SseItem))
            {
                ITypeSymbol data = named.TypeArguments[0];
                return data.SpecialType == SpecialType.System_String
                    ? new ItemSpec(ItemKind.SseItemString, declared, null, null, EquatableArray<EventCaseSpec>.Empty)
                    : new ItemSpec(ItemKind.SseItemJson, declared, SymbolFacts.TypeRef(data), null, EquatableArray<EventCaseSpec>.Empty);
            }

            string? ownEventType = EventTypeOf(itemType);
            if (itemType.IsAbstract && itemType.TypeKind is TypeKind.Class or TypeKind.Interface)
            {
                List<INamedTypeSymbol> derived = FindDerivedTypes(itemType, method, cancellationToken);
                var cases = new List<(INamedTypeSymbol Type, string EventType)>();
                foreach (INamedTypeSymbol type in derived)
                {
                    if (EventTypeOf(type) is { } eventType)
                    {
                        cases.Add((type, eventType));
                    }
                }

                if (cases.Count > 0)
                {
                    return ParseUnion(itemType, declared, cases, derived, method, report, out caseTypes, cancellationToken);
                }
            }

            if (ownEventType is not null && !EndpointParser.IsValidEventType(ownEventType))
            {
                return null;
            }

            return new ItemSpec(ItemKind.Json, declared, declared, endpointEventType ?? ownEventType, EquatableArray<EventCaseSpec>.Empty);
        }

        /// <summary>The <c>[SseEvent]</c> event type of <paramref name="type"/>, if it has one.</summary>
        public static string? EventTypeOf(ITypeSymbol type)
        {
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass is { } c && SymbolFacts.Is(c, KnownNames.SseEventAttribute))
                {
                    return attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string ?? string.Empty : string.Empty;
                }
            }

            return null;
        }

        private static ItemSpec? ParseUnion(
            ITypeSymbol baseType,
            TypeRef declared,
            List<(INamedTypeSymbol Type, string EventType)> cases,
            List<INamedTypeSymbol> derived,
            IMethodSymbol method,
            Action<Diagnostic>? report,
            out ITypeSymbol[] orderedCases,
            CancellationToken cancellationToken)
        {
            orderedCases = Array.Empty<ITypeSymbol>();
            bool valid = true;
            var byEventType = new Dictionary<string, INamedTypeSymbol>(StringComparer.Ordinal);
            foreach ((INamedTypeSymbol type, string eventType) in cases.OrderBy(c => c.Type.ToDisplayString(), StringComparer.Ordinal))
            {
                if (!EndpointParser.IsValidEventType(eventType))
                {
                    // The analyzer reports it on the type's own [SseEvent], once, however many endpoints stream it.
                    valid = false;
                }
                else if (byEventType.TryGetValue(eventType, out INamedTypeSymbol? first))
                {
                    valid = false;
                    Reporting.Report(
                        report,
                        DiagnosticDescriptors.DuplicateEventType,
                        ReturnTypeLocation(method, cancellationToken),
                        first.ToDisplayString(),
                        type.ToDisplayString(),
                        eventType,
                        baseType.ToDisplayString());
                }
                else
                {
                    byEventType.Add(eventType, type);
                }

                if (!SymbolFacts.IsAccessibleFromAssembly(type))
                {
                    valid = false;
                    Reporting.Report(report, DiagnosticDescriptors.InaccessibleEndpoint, ReturnTypeLocation(method, cancellationToken), type.ToDisplayString());
                }
            }

            // The switch has no arm for a concrete type that is not a case and derives from none: its first item would
            // fail the stream at run time.
            var caseTypes = new HashSet<INamedTypeSymbol>(cases.Select(c => c.Type), SymbolEqualityComparer.Default);
            foreach (INamedTypeSymbol type in derived
                .Where(t => IsConcrete(t) && !IsCovered(t, caseTypes))
                .OrderBy(t => t.ToDisplayString(), StringComparer.Ordinal))
            {
                valid = false;
                Reporting.Report(
                    report,
                    DiagnosticDescriptors.UnionTypeWithoutEventType,
                    ReturnTypeLocation(method, cancellationToken),
                    type.ToDisplayString(),
                    baseType.ToDisplayString(),
                    method.ContainingType.Name + "." + method.Name);
            }

            if (!valid)
            {
                return null;
            }

            // Most derived first, so a case for a base never hides the case of a type derived from it.
            var ordered = cases
                .OrderByDescending(c => Depth(c.Type))
                .ThenBy(c => c.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), StringComparer.Ordinal)
                .ToArray();
            orderedCases = ordered.Select(c => (ITypeSymbol)c.Type).ToArray();
            EventCaseSpec[] specs = ordered
                .Select(c => new EventCaseSpec(SymbolFacts.TypeRef(c.Type), c.Type.Name, c.EventType))
                .ToArray();
            return new ItemSpec(ItemKind.Union, declared, null, null, specs.ToEquatableArray());
        }

        private static bool IsConcrete(INamedTypeSymbol type) =>
            !type.IsAbstract && type.TypeKind is TypeKind.Class or TypeKind.Struct;

        /// <summary>Whether the arm of <paramref name="type"/> or of one of its base classes catches it in the switch.</summary>
        private static bool IsCovered(INamedTypeSymbol type, HashSet<INamedTypeSymbol> caseTypes)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (caseTypes.Contains(current))
                {
                    return true;
                }
            }

            return false;
        }

        private static List<INamedTypeSymbol> FindDerivedTypes(ITypeSymbol baseType, IMethodSymbol method, CancellationToken cancellationToken)
        {
            var found = new List<INamedTypeSymbol>();
            var seen = new HashSet<IAssemblySymbol>(SymbolEqualityComparer.Default);
            foreach (IAssemblySymbol? assembly in new[] { method.ContainingAssembly, baseType.ContainingAssembly })
            {
                // Only an assembly that references SseGen can hold [SseEvent] types: a framework base such as Stream
                // must not make every compilation walk the whole framework.
                if (assembly is not null
                    && (SymbolEqualityComparer.Default.Equals(assembly, method.ContainingAssembly) || ReferencesSseGen(assembly))
                    && seen.Add(assembly))
                {
                    Collect(assembly.GlobalNamespace, baseType, found, cancellationToken);
                }
            }

            return found;
        }

        // [SseEvent] lives in SseGen.Abstractions: a contract or model library may reference it alone, without the server.
        private static bool ReferencesSseGen(IAssemblySymbol assembly) =>
            assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name is "SseGen" or "SseGen.Abstractions"));

        private static void Collect(INamespaceOrTypeSymbol container, ITypeSymbol baseType, List<INamedTypeSymbol> found, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (ISymbol member in container.GetMembers())
            {
                if (member is INamespaceSymbol ns)
                {
                    Collect(ns, baseType, found, cancellationToken);
                }
                else if (member is INamedTypeSymbol type)
                {
                    if (!SymbolEqualityComparer.Default.Equals(type, baseType) && DerivesFrom(type, baseType))
                    {
                        found.Add(type);
                    }

                    Collect(type, baseType, found, cancellationToken);
                }
            }
        }

        private static bool DerivesFrom(INamedTypeSymbol type, ITypeSymbol baseType)
        {
            if (baseType.TypeKind == TypeKind.Interface)
            {
                return type.AllInterfaces.Contains((INamedTypeSymbol)baseType, SymbolEqualityComparer.Default);
            }

            for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        private static int Depth(INamedTypeSymbol type)
        {
            int depth = 0;
            for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
            {
                depth++;
            }

            return depth + type.AllInterfaces.Length;
        }



        private static Location? ReturnTypeLocation(IMethodSymbol method, CancellationToken cancellationToken) =>
            method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is MethodDeclarationSyntax syntax
                ? syntax.ReturnType.GetLocation()
                : method.Locations.FirstOrDefault();
    }
}
