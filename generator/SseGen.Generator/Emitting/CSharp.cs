using Microsoft.CodeAnalysis.CSharp;
using SseGen.Generator.Model;

namespace SseGen.Generator.Emitting
{
    /// <summary>How emitters write values into generated C# and its doc comments.</summary>
    internal static class CSharp
    {
        public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        public static string Literal(bool value) => value ? "true" : "false";

        public static string Literal(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>The expression that constructs <paramref name="attribute"/> again.</summary>
        public static string Construction(AttributeSpec attribute) =>
            "new " + attribute.Type + "(" + string.Join(", ", attribute.Arguments) + ")"
            + (attribute.Initializers.Count == 0 ? string.Empty : " { " + string.Join(", ", attribute.Initializers) + " }");

        /// <summary>The attribute list that applies <paramref name="attribute"/> again, as the user wrote it.</summary>
        public static string Application(AttributeSpec attribute) =>
            "[" + attribute.Type + "(" + string.Join(", ", Join(attribute.Arguments, attribute.Initializers)) + ")]";

        // A line break would end the /// comment and turn the rest of the text into code.
        public static string Xml(string text) =>
            text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\r", "&#13;").Replace("\n", "&#10;");

        private static System.Collections.Generic.IEnumerable<string> Join(EquatableArray<string> first, EquatableArray<string> second)
        {
            foreach (string item in first)
            {
                yield return item;
            }

            foreach (string item in second)
            {
                yield return item;
            }
        }
    }
}
