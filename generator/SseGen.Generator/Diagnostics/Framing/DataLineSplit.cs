using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>
    /// SSE1005's fix for a string value, from the value itself: the same split SseFrameWriter makes, inline,
    /// so each CRLF, CR or LF starts a new <c>data:</c> line. The analyzer asks whether it exists, the code fix writes it.
    /// </summary>
    internal static class DataLineSplit
    {
        /// <summary>The expression that replaces <paramref name="value"/>; null unless the value is a string.</summary>
        public static string? Replacement(IOperation value)
        {
            IOperation operand = FramingValues.Unwrap(value);
            if (operand.Type?.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            string text = value.Syntax.ToString();
            bool simple = value.Syntax is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax;
            string receiver = operand.Type.NullableAnnotation != NullableAnnotation.NotAnnotated
                ? "(" + text + " ?? string.Empty)"
                : simple ? text : "(" + text + ")";
            return "string.Join(\"\\ndata: \", " + receiver + ".Split(new[] { \"\\r\\n\", \"\\r\", \"\\n\" }, System.StringSplitOptions.None))";
        }
    }
}
