using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using SseGen.Generator.Model;

namespace SseGen.Generator.Parsing
{
    /// <summary>Turns an attribute the user wrote into the C# that constructs it again, for endpoint metadata and parameter validation alike.</summary>
    internal static class AttributeSpecReader
    {
        /// <summary>The attribute's construction, or <see langword="null"/> with the reason generated code could not write it.</summary>
        public static AttributeSpec? Read(AttributeData attribute, INamedTypeSymbol attributeClass, out string reason)
        {
            reason = string.Empty;
            if (!SymbolFacts.IsAccessibleFromAssembly(attributeClass) || attribute.AttributeConstructor is not { } constructor || !SymbolFacts.IsAccessible(constructor))
            {
                reason = "generated code in this assembly cannot see the attribute type or its constructor";
                return null;
            }

            var arguments = new List<string>(attribute.ConstructorArguments.Length);
            foreach (TypedConstant argument in attribute.ConstructorArguments)
            {
                if (ConstantFormatter.Format(argument) is not { } expression)
                {
                    reason = "one of its arguments has no C# form the generator can write";
                    return null;
                }

                arguments.Add(expression);
            }

            var initializers = new List<string>(attribute.NamedArguments.Length);
            foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
            {
                if (ConstantFormatter.Format(named.Value) is not { } expression)
                {
                    reason = "the value of '" + named.Key + "' has no C# form the generator can write";
                    return null;
                }

                initializers.Add(SymbolFacts.EscapeIdentifier(named.Key) + " = " + expression);
            }

            return new AttributeSpec(attributeClass.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), arguments.ToEquatableArray(), initializers.ToEquatableArray());
        }
    }
}
