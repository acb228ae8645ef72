using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>
    /// SSE1005: a value that may hold a line break, put after <c>data:</c> in a hand-written frame
    /// (<c>$"data: {x}\n\n"</c>, <c>"data: " + x + "\n\n"</c>, <c>string.Concat</c> or <c>string.Format("data: {0}\n\n", x)</c>)
    /// without splitting its lines.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnsplitDataAnalyzer : DiagnosticAnalyzer
    {
        private static readonly char[] LineBreaks = { '\r', '\n' };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.UnsplitDataInFrame);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                FramingTypes types = FramingCompilation.Of(start.Compilation).Types;
                start.RegisterOperationAction(operation => AnalyzeString(operation, types), OperationKind.InterpolatedString, OperationKind.Binary, OperationKind.Invocation);
            });
        }

        private static void AnalyzeString(OperationAnalysisContext context, FramingTypes types)
        {
            IOperation operation = context.Operation;
            if (operation.Type?.SpecialType != SpecialType.System_String || !StringPieces.IsOutermost(operation)
                || operation is IBinaryOperation { OperatorKind: not BinaryOperatorKind.Add }
                || (operation is IInvocationOperation && !StringPieces.IsConcatOrFormat(operation)))
            {
                return;
            }

            List<StringPiece> pieces = StringPieces.Flatten(operation, out _);

            // The text of the current line so far; a value is data when its line starts with "data:".
            string line = string.Empty;
            for (int i = 0; i < pieces.Count; i++)
            {
                StringPiece piece = pieces[i];
                if (piece.Hole is { } value && line.StartsWith("data:", StringComparison.Ordinal) && MayHoldLineBreak(value, types) && EndsItsLineLater(pieces, i))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.UnsplitDataInFrame,
                        value.Syntax.GetLocation(),
                        SplitFix(value),
                        value.Syntax.ToString()));
                }

                int lastBreak = piece.Text.LastIndexOfAny(LineBreaks);
                line = lastBreak < 0 ? line + piece.Text : piece.Text.Substring(lastBreak + 1);
            }
        }

        private static ImmutableDictionary<string, string?> SplitFix(IOperation value) =>
            DataLineSplit.Replacement(value) is null
                ? FramingAnalysis.None
                : FramingAnalysis.Fix(FixProperties.SplitDataLines).Add(FixProperties.Title, "Split the value into data: lines");

        // The frame's own line break comes after the value: without one the string is not a frame, but text about one.
        private static bool EndsItsLineLater(List<StringPiece> pieces, int index)
        {
            for (int i = index + 1; i < pieces.Count; i++)
            {
                if (pieces[i].Text.IndexOfAny(LineBreaks) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool MayHoldLineBreak(IOperation value, FramingTypes types)
        {
            ITypeSymbol? type = FramingValues.Unwrap(value).Type;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            if (type is null || type.TypeKind == TypeKind.Enum)
            {
                return type is null;
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean:
                case SpecialType.System_SByte:
                case SpecialType.System_Byte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                case SpecialType.System_Decimal:
                case SpecialType.System_DateTime:
                    return false;
            }

            if (types.IsSingleLineValueType(type))
            {
                return false;
            }

            IOperation unwrapped = FramingValues.Unwrap(value);
            return !IsCompactJson(unwrapped, types) && !IsSplitIntoDataLines(unwrapped, types);
        }

        // string.Join("\ndata: ", x.Split(...CR and LF...)): the value already split into data: lines (what the fix writes).
        private static bool IsSplitIntoDataLines(IOperation value, FramingTypes types)
        {
            if (value is not IInvocationOperation { TargetMethod: { Name: "Join", ContainingType.SpecialType: SpecialType.System_String } } join
                || join.Arguments.Length != 2
                || FramingValues.ConstantString(join.Arguments[0].Value, types) is not { } separator
                || !separator.TrimStart('\r', '\n').StartsWith("data:", StringComparison.Ordinal)
                || separator.IndexOfAny(LineBreaks) != 0
                || FramingValues.Unwrap(join.Arguments[1].Value) is not IInvocationOperation { TargetMethod.Name: "Split" } split)
            {
                return false;
            }

            var separators = new HashSet<string>(split.Arguments
                .SelectMany(argument => argument.Value.DescendantsAndSelf())
                .Select(operation => Convert.ToString(operation.ConstantValue.HasValue ? operation.ConstantValue.Value : null, System.Globalization.CultureInfo.InvariantCulture))
                .Where(text => !string.IsNullOrEmpty(text))!);
            return separators.Contains("\r") && separators.Contains("\n");
        }

        // JsonSerializer.Serialize without options writes compact JSON, which escapes every line break in strings.
        private static bool IsCompactJson(IOperation value, FramingTypes types) =>
            value is IInvocationOperation { TargetMethod.Name: "Serialize" } invocation
            && FramingTypes.Is(invocation.TargetMethod.ContainingType, types.JsonSerializer)
            && invocation.Arguments.Length > 0
            && invocation.Arguments.All(argument => !FramingTypes.Is(argument.Parameter?.Type, types.JsonSerializerOptions) || argument.ArgumentKind == ArgumentKind.DefaultValue);
    }
}
