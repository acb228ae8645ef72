using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>
    /// Flattens a string expression (literal, UTF-8 literal, interpolated string, or a concatenation of them)
    /// into its pieces, so text rules can read the value and still point at the source.
    /// </summary>
    internal static class StringPieces
    {
        /// <summary>Stands for a value not known at compile time; never part of a header line the rules look for.</summary>
        public const char Hole = '\uFFFF';

        private static readonly string HoleText = Hole.ToString();

        /// <summary>Whether <paramref name="operation"/> is a whole string expression, not a piece of a larger one.</summary>
        public static bool IsOutermost(IOperation operation) =>
            operation.Parent is not (IInterpolatedStringTextOperation or IInterpolatedStringOperation or IInterpolationOperation)
            && !(operation.Parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } parent && parent.Type?.SpecialType == SpecialType.System_String)
            && !(operation.Parent is IConversionOperation { Parent: IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } });

        /// <summary>The pieces of <paramref name="operation"/>, and in <paramref name="value"/> their texts joined: the string with a <see cref="Hole"/> per run-time value.</summary>
        public static List<StringPiece> Flatten(IOperation operation, out string value)
        {
            var pieces = new List<StringPiece>();
            var text = new StringBuilder();
            Add(operation, pieces, text);
            value = text.ToString();
            return pieces;
        }

        private static void Add(IOperation operation, List<StringPiece> pieces, StringBuilder text)
        {
            switch (operation)
            {
                case IConversionOperation { IsImplicit: true } conversion when conversion.Operand.Type?.SpecialType == SpecialType.System_String:
                    Add(conversion.Operand, pieces, text);
                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                    Add(binary.LeftOperand, pieces, text);
                    Add(binary.RightOperand, pieces, text);
                    break;
                case IInterpolatedStringOperation interpolated:
                    foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
                    {
                        switch (part)
                        {
                            case IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string partText } }:
                                Append(pieces, text, partText, part.Syntax, hole: null);
                                break;
                            case IInterpolationOperation interpolation:
                                AddValue(interpolation.Expression, pieces, text);
                                break;
                        }
                    }

                    break;
                case ILiteralOperation { ConstantValue: { HasValue: true, Value: string literal } }:
                    Append(pieces, text, literal, operation.Syntax, hole: null);
                    break;
                case IUtf8StringOperation utf8:
                    Append(pieces, text, utf8.Value, operation.Syntax, hole: null);
                    break;
                default:
                    AddValue(operation, pieces, text);
                    break;
            }
        }

        // A constant reads as its text, as string concatenation and interpolation would write it; anything else is a hole.
        private static void AddValue(IOperation value, List<StringPiece> pieces, StringBuilder text)
        {
            if (value.ConstantValue.HasValue)
            {
                Append(pieces, text, Convert.ToString(value.ConstantValue.Value, CultureInfo.InvariantCulture) ?? string.Empty, source: null, hole: null);
            }
            else
            {
                Append(pieces, text, HoleText, source: null, hole: value);
            }
        }

        private static void Append(List<StringPiece> pieces, StringBuilder text, string value, SyntaxNode? source, IOperation? hole)
        {
            pieces.Add(new StringPiece(value, text.Length, source, hole));
            text.Append(value);
        }
    }
}
