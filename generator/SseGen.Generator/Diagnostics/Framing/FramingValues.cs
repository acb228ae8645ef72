using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>Reads the constant header names and values that framing rules are about.</summary>
    internal static class FramingValues
    {
        public const string EventStream = "text/event-stream";

        public static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>
        /// A header name folded to lower case without dashes, so "Content-Length", <c>HeaderNames.ContentLength</c>
        /// and <c>HttpResponseHeader.ContentLength</c> all read "contentlength".
        /// </summary>
        public static string? HeaderName(IOperation operation)
        {
            IOperation value = Unwrap(operation);
            if (value.ConstantValue is { HasValue: true, Value: string text })
            {
                return FoldHeaderName(text);
            }

            // HeaderNames.* are static readonly fields and HttpResponseHeader.* enum members: their names are the header.
            return value is IFieldReferenceOperation { Field.IsStatic: true } field ? FoldHeaderName(field.Field.Name) : null;
        }

        /// <summary>A constant string, also when wrapped in <c>new StringValues("...")</c>.</summary>
        public static string? ConstantString(IOperation operation, FramingTypes types)
        {
            IOperation value = Unwrap(operation);
            if (value.ConstantValue is { HasValue: true, Value: string text })
            {
                return text;
            }

            if (value is IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field })
            {
                return ReadOnlyFieldLiteral(field);
            }

            return value is IObjectCreationOperation { Arguments.Length: 1 } creation && FramingTypes.Is(creation.Type, types.StringValues)
                ? ConstantString(creation.Arguments[0].Value, types)
                : null;
        }

        // A static readonly string initialized with a literal in this compilation reads as that literal, as a const would:
        // "public static readonly string EventStream = \"text/event-stream\";" is how many codebases spell their media types.
        private static string? ReadOnlyFieldLiteral(IFieldSymbol field)
        {
            if (field.Type.SpecialType != SpecialType.System_String || field.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            return field.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax literal }
                && literal.IsKind(SyntaxKind.StringLiteralExpression)
                ? literal.Token.ValueText
                : null;
        }

        public static bool IsNull(IOperation operation)
        {
            IOperation value = Unwrap(operation);
            return value.ConstantValue is { HasValue: true, Value: null }
                || value is IDefaultValueOperation { Type.OriginalDefinition.SpecialType: SpecialType.System_Nullable_T }
                || (value is IDefaultValueOperation && value.Type is { IsReferenceType: true });
        }

        public static bool? ConstantBool(IOperation operation) =>
            Unwrap(operation).ConstantValue is { HasValue: true, Value: bool flag } ? flag : null;

        /// <summary>"text/event-stream", in any case, with or without parameters such as "; charset=utf-8".</summary>
        public static bool IsEventStream(string? mediaType)
        {
            if (mediaType is null)
            {
                return false;
            }

            int parameters = mediaType.IndexOf(';');
            string type = (parameters < 0 ? mediaType : mediaType.Substring(0, parameters)).Trim();
            return string.Equals(type, EventStream, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>Whether a Connection header value holds the "close" option among its comma-separated options.</summary>
        public static bool HasCloseOption(string? connection)
        {
            if (connection is null)
            {
                return false;
            }

            foreach (string option in connection.Split(','))
            {
                if (string.Equals(option.Trim(), "close", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A header name as the rules compare it: lower case, without dashes or surrounding spaces.</summary>
        public static string FoldHeaderName(string name) => name.Replace("-", string.Empty).Trim().ToLowerInvariant();
    }
}
