using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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
            && !(operation.Parent is IConversionOperation { Parent: IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } })
            && !IsPartOfConcatOrFormat(operation);

        /// <summary>Whether <paramref name="invocation"/> is <c>string.Concat</c> or <c>string.Format</c> with a constant format, which flatten like <c>+</c>.</summary>
        public static bool IsConcatOrFormat(IOperation invocation) =>
            invocation is IInvocationOperation { TargetMethod: { Name: "Concat" or "Format", ContainingType.SpecialType: SpecialType.System_String } } call
            && (call.TargetMethod.Name == "Concat" ? call.TargetMethod.Parameters.All(static p => IsStringOrStrings(p.Type)) : FormatOf(call) is not null);

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
                case IInvocationOperation call when IsConcatOrFormat(call):
                    if (call.TargetMethod.Name == "Concat")
                    {
                        foreach (IOperation argument in Values(call, call.Arguments))
                        {
                            Add(argument, pieces, text);
                        }
                    }
                    else
                    {
                        AddFormat(call, pieces, text);
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

        // string.Format's text between holes is the format's own (its source is the format literal, not kept: no fix edits
        // it); "{{" and "}}" are braces, "{n,align:format}" is argument n.
        private static void AddFormat(IInvocationOperation call, List<StringPiece> pieces, StringBuilder text)
        {
            string format = FormatOf(call)!;
            List<IOperation> values = Values(call, call.Arguments.Where(a => a.Parameter?.Name != "format" && a.Parameter?.Name != "provider")).ToList();
            var literal = new StringBuilder();
            for (int i = 0; i < format.Length; i++)
            {
                char c = format[i];
                if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
                {
                    literal.Append(c);
                    i++;
                    continue;
                }

                int close = c == '{' ? format.IndexOf('}', i) : -1;
                if (close < 0)
                {
                    literal.Append(c);
                    continue;
                }

                string hole = format.Substring(i + 1, close - i - 1);
                int end = hole.IndexOfAny(new[] { ',', ':' });
                string index = (end < 0 ? hole : hole.Substring(0, end)).Trim();
                Append(pieces, text, literal.ToString(), source: null, hole: null);
                literal.Clear();
                if (int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n < values.Count)
                {
                    AddValue(values[n], pieces, text);
                }
                else
                {
                    Append(pieces, text, HoleText, source: null, hole: null);
                }

                i = close;
            }

            Append(pieces, text, literal.ToString(), source: null, hole: null);
        }

        // The values of params arguments one by one, whether passed as a list or as one array.
        private static IEnumerable<IOperation> Values(IInvocationOperation call, IEnumerable<IArgumentOperation> arguments)
        {
            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    foreach (IOperation element in initializer.ElementValues)
                    {
                        yield return element;
                    }
                }
                else if (argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    yield return argument.Value;
                }
            }
        }

        private static string? FormatOf(IInvocationOperation call) =>
            call.TargetMethod.Name == "Format"
            && call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "format") is { Value.ConstantValue: { HasValue: true, Value: string format } }
                ? format
                : null;

        private static bool IsStringOrStrings(ITypeSymbol type) =>
            type.SpecialType is SpecialType.System_String or SpecialType.System_Object
            || (type is IArrayTypeSymbol array && array.ElementType.SpecialType is SpecialType.System_String or SpecialType.System_Object);

        private static bool IsPartOfConcatOrFormat(IOperation operation)
        {
            IOperation? parent = operation.Parent;
            while (parent is IConversionOperation { IsImplicit: true } or IArrayInitializerOperation or IArrayCreationOperation { IsImplicit: true })
            {
                parent = parent.Parent;
            }

            return parent is IArgumentOperation { Parent: { } call } && IsConcatOrFormat(call);
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
