using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SseGen.Generator.Emitting.TypeScript
{
    /// <summary>How C# names become TypeScript identifiers, property keys and string literals.</summary>
    internal static class TypeScriptNames
    {
        private static readonly HashSet<string> Reserved = new(System.StringComparer.Ordinal)
        {
            "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
            "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null",
            "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield",
            "let", "static", "implements", "interface", "package", "private", "protected", "public", "await", "arguments", "eval",
        };

        /// <summary>Global and DOM types the declarations use, and the module's own: a payload of one of these names would hide it.</summary>
        public static readonly HashSet<string> TakenTypeNames = new(System.StringComparer.Ordinal)
        {
            "Array", "Record", "Partial", "String", "Number", "Boolean", "Object", "Date", "Error", "Event", "EventSource",
            "EventSourceInit", "MessageEvent", "Map", "Set", "Promise", "Function", "Symbol", "BigInt", "RequestInit", "Headers",
            "Response", "HeadersInit", "SseStream", "SseMessage", "SseFetchInit", "SseEndpoint",
        };

        public static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);

        /// <summary>A JavaScript identifier for <paramref name="name"/>: camelCase, underscores for other characters, a <c>_</c> after a reserved word.</summary>
        public static string Identifier(string name)
        {
            var result = new StringBuilder(name.Length);
            foreach (char c in name)
            {
                result.Append(char.IsLetterOrDigit(c) || c is '_' or '$' ? c : '_');
            }

            string identifier = result.Length == 0 || char.IsDigit(result[0]) ? "_" + result : result.ToString();
            identifier = JsonNames.CamelCase(identifier);
            return Reserved.Contains(identifier) ? identifier + "_" : identifier;
        }

        /// <summary>A property key: bare when it is an identifier, quoted otherwise.</summary>
        public static string Key(string name) =>
            name.Length > 0 && (char.IsLetter(name[0]) || name[0] is '_' or '$') && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '$')
                ? name
                : Literal(name);

        /// <summary>A double-quoted string literal, valid in JavaScript and TypeScript alike.</summary>
        public static string Literal(string value)
        {
            var result = new StringBuilder(value.Length + 2).Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': result.Append("\\\""); break;
                    case '\\': result.Append("\\\\"); break;
                    case '\n': result.Append("\\n"); break;
                    case '\r': result.Append("\\r"); break;
                    case '\u2028': result.Append("\\u2028"); break;
                    case '\u2029': result.Append("\\u2029"); break;
                    default:
                        if (c < ' ')
                        {
                            result.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            result.Append(c);
                        }

                        break;
                }
            }

            return result.Append('"').ToString();
        }

        /// <summary>Text safe inside a <c>/** */</c> comment.</summary>
        public static string Comment(string text) => text.Replace("*/", "*\\/").Replace("\r", " ").Replace("\n", " ");
    }
}
