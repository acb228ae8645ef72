using System.Collections.Generic;
using System.Linq;
using SseGen.Generator.Model.Client;

namespace SseGen.Generator.Emitting.TypeScript
{
    /// <summary>
    /// The typed URL of each endpoint: its route values as arguments in pattern order, its query values as one object
    /// (optional when every value is), text encoded as routing decodes it.
    /// </summary>
    internal static class UrlBuilderEmitter
    {
        public static void EmitHelpers(SourceWriter w) => w.Lines(
            "let baseUrl = \"\";\n" +
            "\n" +
            "/** Prefixes every URL: another origin, or the route group the endpoints are mapped under (\"/api\"). */\n" +
            "export function setBaseUrl(url) {\n" +
            "    baseUrl = String(url).replace(/\\/+$/, \"\");\n" +
            "}\n" +
            "\n" +
            "const segment = (value) => encodeURIComponent(String(value));\n" +
            "const rest = (value) => String(value).split(\"/\").map(encodeURIComponent).join(\"/\");\n" +
            "const missing = (value) => value === undefined || value === null;\n" +
            "\n" +
            "function search(pairs) {\n" +
            "    const query = new URLSearchParams();\n" +
            "    for (const [key, value] of pairs) {\n" +
            "        if (!missing(value)) query.append(key, String(value));\n" +
            "    }\n" +
            "\n" +
            "    const text = query.toString();\n" +
            "    return text === \"\" ? \"\" : \"?\" + text;\n" +
            "}");

        public static void EmitHelperDeclarations(SourceWriter w) => w.Lines(
            "/** Prefixes every URL: another origin, or the route group the endpoints are mapped under (\"/api\"). */\n" +
            "export declare function setBaseUrl(url: string): void;");

        /// <summary>The arguments of the endpoint's URL function, as JavaScript names.</summary>
        public static IEnumerable<string> Arguments(ClientSpec client)
        {
            foreach (RoutePieceSpec piece in client.Route.Where(p => p.Parameter is not null))
            {
                yield return TypeScriptNames.Identifier(piece.Parameter!.Identifier);
            }

            if (client.Query.Count > 0)
            {
                yield return "query";
            }
        }

        /// <summary>The TypeScript parameter list of the URL function: <c>room: string, query?: FeedsChatQuery</c>.</summary>
        public static string Parameters(ClientSpec client, string queryType)
        {
            var parameters = new List<string>();
            var routeValues = client.Route.Where(p => p.Parameter is not null).Select(p => p.Parameter!).ToList();
            for (int i = 0; i < routeValues.Count; i++)
            {
                // An optional route value can be left out only when nothing required follows it.
                bool optional = routeValues[i].IsOptional && routeValues.Skip(i + 1).All(v => v.IsOptional) && client.Query.All(q => q.IsOptional);
                parameters.Add(TypeScriptNames.Identifier(routeValues[i].Identifier) + (optional ? "?: " : ": ") + ValueType(routeValues[i]) + (routeValues[i].IsOptional && !optional ? " | undefined" : string.Empty));
            }

            if (client.Query.Count > 0)
            {
                parameters.Add(client.Query.All(q => q.IsOptional) ? "query?: " + queryType : "query: " + queryType);
            }

            return string.Join(", ", parameters);
        }

        /// <summary>The JavaScript expression of the URL, from the arguments <see cref="Arguments"/> names.</summary>
        public static string Expression(ClientSpec client)
        {
            var parts = new List<string> { "baseUrl" };
            var literal = new System.Text.StringBuilder();
            for (int i = 0; i < client.Route.Count; i++)
            {
                RoutePieceSpec piece = client.Route[i];
                bool dropsSegment = piece.Text == "/" && piece.Parameter is null && i + 1 < client.Route.Count
                    && client.Route[i + 1] is { Parameter.IsOptional: true, IsWholeSegment: true };
                if (piece.Parameter is null && !dropsSegment)
                {
                    literal.Append(piece.Text);
                    continue;
                }

                if (literal.Length > 0)
                {
                    parts.Add(TypeScriptNames.Literal(literal.ToString()));
                    literal.Clear();
                }

                if (dropsSegment)
                {
                    // A left-out optional segment takes its slash with it, as routing generates the link.
                    RoutePieceSpec value = client.Route[++i];
                    string name = TypeScriptNames.Identifier(value.Parameter!.Identifier);
                    parts.Add("(missing(" + name + ") ? \"\" : \"/\" + " + (value.IsCatchAll ? "rest" : "segment") + "(" + name + "))");
                }
                else
                {
                    string name = TypeScriptNames.Identifier(piece.Parameter!.Identifier);
                    parts.Add(piece.Parameter.IsOptional
                        ? "(missing(" + name + ") ? \"\" : " + (piece.IsCatchAll ? "rest" : "segment") + "(" + name + "))"
                        : (piece.IsCatchAll ? "rest" : "segment") + "(" + name + ")");
                }
            }

            if (literal.Length > 0)
            {
                parts.Add(TypeScriptNames.Literal(literal.ToString()));
            }

            if (client.Query.Count > 0)
            {
                parts.Add("search([" + string.Join(", ", client.Query.Select(q =>
                    "[" + TypeScriptNames.Literal(q.Key) + ", query?.[" + TypeScriptNames.Literal(q.Key) + "]]")) + "])");
            }

            return string.Join(" + ", parts);
        }

        /// <summary>The query object's members, named as the query string names them: <c>lines?: number;</c>.</summary>
        public static IEnumerable<string> QueryMembers(ClientSpec client) =>
            client.Query.Select(q => TypeScriptNames.Key(q.Key) + (q.IsOptional ? "?: " : ": ") + ValueType(q) + ";");

        /// <summary>What a route or query value is written from: its enum's names, a number, a boolean or text.</summary>
        public static string ValueType(ClientValueSpec value) => value.Kind switch
        {
            JsonShapeKind.Number => "number",
            JsonShapeKind.Boolean => "boolean",
            JsonShapeKind.Enum when value.EnumNames.Count > 0 => string.Join(" | ", value.EnumNames.Select(TypeScriptNames.Literal)),
            _ => "string",
        };
    }
}
