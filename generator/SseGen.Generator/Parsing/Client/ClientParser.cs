using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SseGen.Generator.Model;
using SseGen.Generator.Model.Client;

namespace SseGen.Generator.Parsing.Client
{
    /// <summary>What a client of an endpoint needs to know, read from the same symbols as the endpoint: route, query, events, JSON.</summary>
    internal static class ClientParser
    {
        public static ClientSpec Parse(
            string pattern,
            IMethodSymbol method,
            IReadOnlyList<ParameterSpec> parameters,
            ItemSpec items,
            ITypeSymbol itemType,
            IReadOnlyList<ITypeSymbol> caseTypes,
            string? endSentinel,
            CancellationToken cancellationToken)
        {
            var values = new Dictionary<string, ClientValueSpec>(StringComparer.OrdinalIgnoreCase);
            foreach (ParameterSpec parameter in parameters)
            {
                if (parameter.Source is ParameterSource.Route or ParameterSource.Query
                    && method.Parameters.FirstOrDefault(p => p.Name == parameter.Name) is { } symbol)
                {
                    values[parameter.Source + ":" + parameter.Key] = Value(parameter, symbol);
                }
            }

            EquatableArray<ClientValueSpec> query = parameters
                .Where(p => p.Source == ParameterSource.Query && values.ContainsKey("Query:" + p.Key))
                .Select(p => values["Query:" + p.Key])
                .OrderBy(v => v.IsOptional)
                .ToEquatableArray();
            EquatableArray<string> headers = parameters.Where(p => p.Source == ParameterSource.Header).Select(p => p.Key).ToEquatableArray();

            var shapes = new JsonShapeParser(cancellationToken);
            var events = new List<ClientEventSpec>();
            switch (items.Kind)
            {
                case ItemKind.String:
                    events.Add(new ClientEventSpec(items.EventType ?? "message", null));
                    break;
                case ItemKind.Json:
                    events.Add(new ClientEventSpec(items.EventType ?? "message", shapes.Shape(itemType)));
                    break;
                case ItemKind.SseItemString:
                    events.Add(new ClientEventSpec(string.Empty, null));
                    break;
                case ItemKind.SseItemJson:
                    events.Add(new ClientEventSpec(string.Empty, shapes.Shape(((INamedTypeSymbol)itemType).TypeArguments[0])));
                    break;
                case ItemKind.Union:
                    for (int i = 0; i < items.Cases.Count; i++)
                    {
                        // A case is matched by type, so its item is never null.
                        events.Add(new ClientEventSpec(items.Cases[i].EventType, shapes.Shape(caseTypes[i].WithNullableAnnotation(NullableAnnotation.NotAnnotated))));
                    }

                    break;
            }

            return new ClientSpec(
                Route(pattern, values),
                query,
                headers,
                events.OrderBy(e => e.Name, StringComparer.Ordinal).ToEquatableArray(),
                shapes.Types,
                endSentinel);
        }

        private static ClientValueSpec Value(ParameterSpec parameter, IParameterSymbol symbol)
        {
            ITypeSymbol type = symbol.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
                ? nullable.TypeArguments[0]
                : symbol.Type;
            JsonShapeKind kind = parameter.Parse switch
            {
                ParseKind.Enum => JsonShapeKind.Enum,
                ParseKind.Parsable => new JsonShapeParser(CancellationToken.None).Shape(type).Kind switch
                {
                    JsonShapeKind.Number => JsonShapeKind.Number,
                    JsonShapeKind.Boolean => JsonShapeKind.Boolean,
                    _ => JsonShapeKind.String,
                },
                _ => JsonShapeKind.String,
            };
            EquatableArray<string> names = kind == JsonShapeKind.Enum
                ? type.GetMembers().OfType<IFieldSymbol>().Where(f => f.IsConst).Select(f => f.Name).ToEquatableArray()
                : EquatableArray<string>.Empty;
            return new ClientValueSpec(parameter.Key, parameter.Name, kind, names, parameter.IsOptionalInRequest);
        }

        /// <summary>The pattern in literals and parameters; a parameter no method parameter binds is a required string.</summary>
        private static EquatableArray<RoutePieceSpec> Route(string pattern, Dictionary<string, ClientValueSpec> values)
        {
            var pieces = new List<RoutePieceSpec>();
            foreach (string segment in pattern.TrimStart('~').Trim('/').Split('/'))
            {
                pieces.Add(new RoutePieceSpec("/", null, false, false));
                int i = 0;
                var literal = new System.Text.StringBuilder();
                while (i < segment.Length)
                {
                    if (segment[i] is '{' or '}' && i + 1 < segment.Length && segment[i + 1] == segment[i])
                    {
                        literal.Append(segment[i]);
                        i += 2;
                        continue;
                    }

                    if (segment[i] != '{')
                    {
                        literal.Append(segment[i++]);
                        continue;
                    }

                    int close = segment.IndexOf('}', i + 1);
                    string body = segment.Substring(i + 1, close - i - 1);
                    bool catchAll = body.StartsWith("*", StringComparison.Ordinal);
                    string name = body.TrimStart('*');
                    int end = name.IndexOfAny(new[] { ':', '=', '?' });
                    bool optional = name.EndsWith("?", StringComparison.Ordinal) || name.IndexOf('=') >= 0 || catchAll;
                    name = (end < 0 ? name : name.Substring(0, end)).Trim();
                    if (literal.Length > 0)
                    {
                        pieces.Add(new RoutePieceSpec(literal.ToString(), null, false, false));
                        literal.Clear();
                    }

                    ClientValueSpec value = values.TryGetValue("Route:" + name, out ClientValueSpec? bound)
                        ? bound with { IsOptional = optional }
                        : new ClientValueSpec(name, name, JsonShapeKind.String, EquatableArray<string>.Empty, optional);
                    pieces.Add(new RoutePieceSpec(name, value, catchAll, i == 0 && close == segment.Length - 1));
                    i = close + 1;
                }

                if (literal.Length > 0)
                {
                    pieces.Add(new RoutePieceSpec(literal.ToString(), null, false, false));
                }
            }

            return pieces.ToEquatableArray();
        }
    }
}
