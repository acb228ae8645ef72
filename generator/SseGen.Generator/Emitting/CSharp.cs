using Microsoft.CodeAnalysis.CSharp;

namespace SseGen.Generator.Emitting
{
    /// <summary>How emitters write values into generated C# and its doc comments.</summary>
    internal static class CSharp
    {
        public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        public static string Literal(bool value) => value ? "true" : "false";

        public static string Literal(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // A line break would end the /// comment and turn the rest of the text into code.
        public static string Xml(string text) =>
            text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\r", "&#13;").Replace("\n", "&#10;");
    }
}
