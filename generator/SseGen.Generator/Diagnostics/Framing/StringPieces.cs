using System.Collections.Generic;
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

        /// <summary>Whether <paramref name="operation"/> is a whole string expression, not a piece of a larger one.</summary>
        public static bool IsOutermost(IOperation operation) =>
            operation.Parent is not (IInterpolatedStringTextOperation or IInterpolatedStringOperation or IInterpolationOperation)
            && !(operation.Parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } parent && parent.Type?.SpecialType == SpecialType.System_String)
            && !(operation.Parent is IConversionOperation { Parent: IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } });

        public static List<HeadSegment> Flatten(IOperation operation, out string value)
        {
            var segments = new List<HeadSegment>();
            var text = new StringBuilder();
            Add(operation, segments, text);
            value = text.ToString();
            return segments;
        }

        private static void Add(IOperation operation, List<HeadSegment> segments, StringBuilder text)
        {
            switch (operation)
            {
                case IConversionOperation { IsImplicit: true } conversion:
                    Add(conversion.Operand, segments, text);
                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                    Add(binary.LeftOperand, segments, text);
                    Add(binary.RightOperand, segments, text);
                    break;
                case IInterpolatedStringOperation interpolated:
                    foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
                    {
                        if (part is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string partText } })
                        {
                            Append(segments, text, partText, part.Syntax);
                        }
                        else
                        {
                            Append(segments, text, Hole.ToString(), null);
                        }
                    }

                    break;
                case ILiteralOperation { ConstantValue: { HasValue: true, Value: string literal } }:
                    Append(segments, text, literal, operation.Syntax);
                    break;
                case IUtf8StringOperation utf8:
                    Append(segments, text, utf8.Value, operation.Syntax);
                    break;
                default:
                    Append(segments, text, operation.ConstantValue is { HasValue: true, Value: string constant } ? constant : Hole.ToString(), null);
                    break;
            }
        }

        private static void Append(List<HeadSegment> segments, StringBuilder text, string value, SyntaxNode? syntax)
        {
            segments.Add(new HeadSegment(value, text.Length, syntax));
            text.Append(value);
        }
    }
}
