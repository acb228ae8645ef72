using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SseGen.Generator.Diagnostics;
using SseGen.Generator.Model;
using static SseGen.Generator.Parsing.Reporting;

namespace SseGen.Generator.Parsing
{
    /// <summary>
    /// Turns an <c>[SseClient]</c> class into a <see cref="ContractClientSpec"/>, reading the contract interface from its symbols
    /// (source or metadata) with the server's own <see cref="EndpointParser"/>, so both sides agree on every endpoint.
    /// </summary>
    internal static class ContractClientParser
    {
        public static ContractClientSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
            context.TargetSymbol is INamedTypeSymbol type
                ? Parse(type, context.Attributes[0], context.SemanticModel.Compilation, report: null, cancellationToken)
                : null;

        public static ContractClientSpec? Parse(INamedTypeSymbol type, AttributeData attribute, Compilation compilation, Action<Diagnostic>? report, CancellationToken cancellationToken)
        {
            Location? location = type.Locations.FirstOrDefault();
            bool Invalid(string reason)
            {
                Report(report, DiagnosticDescriptors.InvalidClientDeclaration, location, type.Name, reason);
                return false;
            }

            bool valid = true;
            if (!type.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is ClassDeclarationSyntax c && c.Modifiers.Any(SyntaxKind.PartialKeyword)))
            {
                valid = Invalid("make the class partial, so the generator can implement the contract in it");
            }

            if (type.IsStatic || type.IsAbstract || type.IsGenericType || type.ContainingType is not null)
            {
                valid = Invalid("declare it as a non-generic, non-abstract, non-static top-level class");
            }

            if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol { TypeKind: TypeKind.Interface } contract)
            {
                Invalid("name an interface of [SseEndpoint] methods as its contract");
                return null;
            }

            INamedTypeSymbol? jsonContext = null;
            foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
            {
                if (named.Key == "JsonContext" && named.Value.Value is INamedTypeSymbol context)
                {
                    jsonContext = context;
                    if (!DerivesFrom(context, KnownNames.JsonSerializerContext))
                    {
                        valid = Invalid("JsonContext '" + context.ToDisplayString() + "' is not a JsonSerializerContext");
                    }
                }
            }

            var methods = new List<ClientMethodSpec>();
            var jsonTypes = new List<TypeRef>();
            foreach (ISymbol member in contract.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member is not IMethodSymbol method || method.IsStatic || !method.IsAbstract)
                {
                    if (member is IPropertySymbol or IEventSymbol && !member.IsStatic && member.IsAbstract)
                    {
                        valid = Invalid("the contract member '" + member.Name + "' is not an [SseEndpoint] method");
                    }

                    continue;
                }

                if (method.MethodKind != MethodKind.Ordinary)
                {
                    continue;
                }

                AttributeData? endpointAttribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass is { } c && SymbolFacts.Is(c, KnownNames.SseEndpointAttribute));
                if (endpointAttribute is null)
                {
                    valid = Invalid("the contract method '" + method.Name + "' has no [SseEndpoint]");
                    continue;
                }

                EndpointSpec? endpoint = EndpointParser.Parse(method, endpointAttribute, report: null, cancellationToken);
                if (endpoint is null)
                {
                    valid = Invalid("the contract method '" + method.Name + "' is not a valid endpoint (its project reports why)");
                    continue;
                }

                if (endpoint.Result != ResultKind.AsyncEnumerable || endpoint.Outcome is not null)
                {
                    valid = Invalid("the contract method '" + method.Name + "' must return IAsyncEnumerable<T> for a client to implement it");
                    continue;
                }

                if (endpoint.Items.IsEncodedFrame)
                {
                    valid = Invalid("the contract method '" + method.Name + "' streams encoded SseFrames, which a client reads with SseClient.StreamRawAsync, not as items");
                    continue;
                }

                methods.Add(new ClientMethodSpec(endpoint, Path(endpoint)));
                jsonTypes.AddRange(JsonTypes(endpoint.Items));
            }

            if (methods.Count == 0 && valid)
            {
                valid = Invalid("the contract '" + contract.ToDisplayString() + "' has no [SseEndpoint] methods");
            }

            if (jsonTypes.Count > 0 && jsonContext is null)
            {
                valid = Invalid("set JsonContext to a JsonSerializerContext with the contract's item types, which are read as JSON");
            }
            else if (jsonContext is not null && DerivesFrom(jsonContext, KnownNames.JsonSerializerContext))
            {
                var serializable = new HashSet<string>(
                    jsonContext.GetAttributes()
                        .Where(a => a.AttributeClass is { } c && SymbolFacts.Is(c, KnownNames.JsonSerializableAttribute))
                        .Select(a => a.ConstructorArguments.Length > 0 && a.ConstructorArguments[0].Value is ITypeSymbol t ? SymbolFacts.TypeRef(t).Unannotated : string.Empty),
                    StringComparer.Ordinal);
                foreach (TypeRef json in jsonTypes.Distinct())
                {
                    if (!serializable.Contains(json.Unannotated))
                    {
                        valid = false;
                        Report(report, DiagnosticDescriptors.ClientJsonContractMissing, location, json.Display, jsonContext.ToDisplayString(), type.Name);
                    }
                }
            }

            if (!valid)
            {
                return null;
            }

            string ns = type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString();
            return new ContractClientSpec(
                (ns.Length == 0 ? string.Empty : ns + ".") + type.Name + ".SseClient.g.cs",
                ns,
                type.Name,
                SymbolFacts.TypeRef(contract),
                jsonContext is null ? string.Empty : jsonContext.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                methods.ToEquatableArray());
        }

        /// <summary>The types read through a <c>JsonTypeInfo</c>: the item, the <c>SseItem</c>'s data, or each union case.</summary>
        public static IEnumerable<TypeRef> JsonTypes(ItemSpec items) =>
            items.Kind == ItemKind.Union ? items.Cases.Select(c => c.Type) : items.Data is { } data ? new[] { data } : Array.Empty<TypeRef>();

        /// <summary>Splits the route pattern into literal text and the parameters that fill its <c>{…}</c>.</summary>
        private static EquatableArray<RoutePiece> Path(EndpointSpec endpoint)
        {
            string pattern = endpoint.Route.Pattern.TrimStart('~');
            var pieces = new List<RoutePiece>();
            var text = new System.Text.StringBuilder();
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                if ((c == '{' || c == '}') && i + 1 < pattern.Length && pattern[i + 1] == c)
                {
                    text.Append(c);
                    i++;
                    continue;
                }

                if (c != '{')
                {
                    text.Append(c);
                    continue;
                }

                int end = pattern.IndexOf('}', i);
                string name = pattern.Substring(i + 1, end - i - 1).TrimStart('*');
                int stop = name.IndexOfAny(new[] { ':', '=', '?' });
                name = stop < 0 ? name : name.Substring(0, stop);
                ParameterSpec? parameter = endpoint.Parameters.FirstOrDefault(p => p.Source == ParameterSource.Route && string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));
                if (text.Length > 0)
                {
                    pieces.Add(new RoutePiece(text.ToString(), IsParameter: false));
                    text.Clear();
                }

                // A route parameter no method parameter binds has no value to send: routing then needs it optional.
                if (parameter is not null)
                {
                    pieces.Add(new RoutePiece(parameter.Identifier, IsParameter: true));
                }

                i = end;
            }

            if (text.Length > 0 || pieces.Count == 0)
            {
                pieces.Add(new RoutePiece(text.Length > 0 ? text.ToString() : "/", IsParameter: false));
            }

            return pieces.ToEquatableArray();
        }

        private static bool DerivesFrom(INamedTypeSymbol type, string metadataName)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (SymbolFacts.Is(current, metadataName))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
