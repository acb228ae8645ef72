using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SseGen.Generator.Parsing
{
    /// <summary>Writes compile-time constants (parameter defaults, attribute arguments) as C# expressions of their exact type.</summary>
    internal static class ConstantFormatter
    {
        /// <summary>The expression of <paramref name="value"/> as a <paramref name="type"/>, or <see langword="null"/> when it has no C# form.</summary>
        public static string? Format(object? value, ITypeSymbol type)
        {
            string typeName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            return value switch
            {
                null => "default",
                string text => SymbolDisplay.FormatLiteral(text, quote: true),
                char c => SymbolDisplay.FormatLiteral(c, quote: true),
                bool b => b ? "true" : "false",
                double d when double.IsNaN(d) => typeName + ".NaN",
                double d when double.IsInfinity(d) => typeName + (d > 0 ? ".PositiveInfinity" : ".NegativeInfinity"),
                float f when float.IsNaN(f) => typeName + ".NaN",
                float f when float.IsInfinity(f) => typeName + (f > 0 ? ".PositiveInfinity" : ".NegativeInfinity"),
                double d => "(" + typeName + ")(" + d.ToString("R", CultureInfo.InvariantCulture) + "D)",
                float f => "(" + typeName + ")(" + f.ToString("R", CultureInfo.InvariantCulture) + "F)",
                IFormattable number => "(" + typeName + ")(" + number.ToString(null, CultureInfo.InvariantCulture) + (value is decimal ? "M" : string.Empty) + ")",
                _ => null,
            };
        }

        /// <summary>The expression of an attribute argument, or <see langword="null"/> when it has no C# form.</summary>
        public static string? Format(TypedConstant constant)
        {
            if (constant.Kind == TypedConstantKind.Error || constant.Type is null)
            {
                return null;
            }

            string typeName = constant.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            if (constant.IsNull)
            {
                // Cast, so an overloaded constructor still resolves to the one the user's attribute used; the user's own
                // nullability is theirs to state, so the generated code neither repeats nor adds a warning.
                return "(" + typeName + ")null!";
            }

            switch (constant.Kind)
            {
                case TypedConstantKind.Type:
                    return constant.Value is ITypeSymbol type ? "typeof(" + type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ")" : null;
                case TypedConstantKind.Array:
                    var items = new List<string>(constant.Values.Length);
                    foreach (TypedConstant item in constant.Values)
                    {
                        if (Format(item) is not { } expression)
                        {
                            return null;
                        }

                        items.Add(expression);
                    }

                    return items.Count == 0 ? "new " + typeName + " { }" : "new " + typeName + " { " + string.Join(", ", items) + " }";
                case TypedConstantKind.Enum:
                    return constant.Value is IFormattable underlying
                        ? "(" + typeName + ")(" + underlying.ToString(null, CultureInfo.InvariantCulture) + ")"
                        : null;
                default:
                    return constant.Type.SpecialType == SpecialType.System_Object
                        ? null
                        : Format(constant.Value, constant.Type);
            }
        }
    }
}
