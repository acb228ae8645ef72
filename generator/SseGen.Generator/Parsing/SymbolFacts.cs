using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SseGen.Generator.Model;

namespace SseGen.Generator.Parsing
{
    /// <summary>The questions every parser asks of Roslyn symbols, answered one way: by metadata name, never by simple name.</summary>
    internal static class SymbolFacts
    {
        /// <summary>Fully qualified names with nullable annotations: what generated declarations need.</summary>
        public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        /// <summary>Type names as users read them in messages: namespace-qualified, keywords for special types, no <c>global::</c>.</summary>
        public static readonly SymbolDisplayFormat MessageFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

        /// <summary>The model's reference to <paramref name="type"/>: every name generated code and messages use, computed once.</summary>
        public static TypeRef TypeRef(ITypeSymbol type)
        {
            ITypeSymbol unannotated = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
            bool nullable = type.NullableAnnotation == NullableAnnotation.Annotated
                || type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };
            return new TypeRef(
                type.ToDisplayString(TypeFormat),
                unannotated.ToDisplayString(TypeFormat),
                unannotated.ToDisplayString(MessageFormat),
                nullable);
        }

        /// <summary>Whether the generated code, in the same assembly but another type, can see <paramref name="symbol"/>.</summary>
        public static bool IsAccessible(ISymbol symbol) =>
            symbol.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

        /// <summary>Whether generated code in the same assembly can name <paramref name="type"/>: it and every type it is nested in are accessible.</summary>
        public static bool IsAccessibleFromAssembly(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                if (!IsAccessible(current))
                {
                    return false;
                }
            }

            return true;
        }

        public static bool IsGeneric(INamedTypeSymbol type, string metadataName) =>
            type.IsGenericType && MetadataName(type.OriginalDefinition) == metadataName;

        public static bool Is(ITypeSymbol type, string metadataName) => MetadataName(type) == metadataName;

        public static string MetadataName(ITypeSymbol type) =>
            type.ContainingNamespace is { IsGlobalNamespace: false } ns
                ? ns.ToDisplayString() + "." + type.MetadataName
                : type.MetadataName;

        /// <summary><paramref name="name"/> as a C# identifier: with <c>@</c> when it is a keyword.</summary>
        public static string EscapeIdentifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
    }
}
