using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SseGen.Generator.Diagnostics;
using SseGen.Generator.Model;

namespace SseGen.Generator.Parsing
{
    /// <summary>
    /// Reads the attributes that become endpoint metadata: the containing type's (its base types' inherited ones first),
    /// then the method's, the order in which MVC reads a controller action's. <c>[Authorize]</c> on either must protect
    /// the endpoint, so an attribute the generator cannot write again is an error, never dropped.
    /// </summary>
    internal static class MetadataAttributeParser
    {
        /// <summary>The attributes in metadata order, or <see langword="null"/> when one cannot be honoured (reported).</summary>
        public static EquatableArray<AttributeSpec>? Parse(IMethodSymbol method, string methodName, Action<Diagnostic>? report, CancellationToken cancellationToken)
        {
            bool valid = true;
            var specs = new List<AttributeSpec>();
            foreach (AttributeData attribute in TypeAttributes(method.ContainingType))
            {
                valid &= Add(attribute, specs, methodName, method.Locations.FirstOrDefault(), report, cancellationToken);
            }

            foreach (AttributeData attribute in method.GetAttributes())
            {
                Location? location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? method.Locations.FirstOrDefault();
                valid &= Add(attribute, specs, methodName, location, report, cancellationToken);
            }

            return valid ? specs.ToEquatableArray() : null;
        }

        /// <summary>As <c>GetCustomAttributes(inherit: true)</c> reads a type: base types' inheritable attributes, unless the derived type repeats a single-use one.</summary>
        private static IEnumerable<AttributeData> TypeAttributes(INamedTypeSymbol type)
        {
            var chain = new List<INamedTypeSymbol>();
            for (INamedTypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                chain.Add(current);
            }

            var result = new List<AttributeData>();
            var singleUse = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            for (int i = 0; i < chain.Count; i++)
            {
                var own = new List<AttributeData>();
                foreach (AttributeData attribute in chain[i].GetAttributes())
                {
                    if (attribute.AttributeClass is not { } attributeClass || (i > 0 && !Usage(attributeClass).Inherited))
                    {
                        continue;
                    }

                    if (!Usage(attributeClass).AllowMultiple && !singleUse.Add(attributeClass))
                    {
                        continue;
                    }

                    own.Add(attribute);
                }

                result.InsertRange(0, own);
            }

            return result;
        }

        private static (bool AllowMultiple, bool Inherited) Usage(INamedTypeSymbol attributeClass)
        {
            for (INamedTypeSymbol? current = attributeClass; current is not null; current = current.BaseType)
            {
                foreach (AttributeData usage in current.GetAttributes())
                {
                    if (usage.AttributeClass?.ToDisplayString() == "System.AttributeUsageAttribute")
                    {
                        bool allowMultiple = false;
                        bool inherited = true;
                        foreach (KeyValuePair<string, TypedConstant> named in usage.NamedArguments)
                        {
                            if (named.Key == "AllowMultiple" && named.Value.Value is bool multiple)
                            {
                                allowMultiple = multiple;
                            }
                            else if (named.Key == "Inherited" && named.Value.Value is bool inherit)
                            {
                                inherited = inherit;
                            }
                        }

                        return (allowMultiple, inherited);
                    }
                }
            }

            return (false, true);
        }

        private static bool Add(AttributeData attribute, List<AttributeSpec> specs, string methodName, Location? location, Action<Diagnostic>? report, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (attribute.AttributeClass is not { } attributeClass || attributeClass.TypeKind == TypeKind.Error)
            {
                // The compiler already reports an attribute it cannot bind.
                return true;
            }

            if (IsNotEndpointMetadata(attributeClass))
            {
                return true;
            }

            if (AttributeSpecReader.Read(attribute, attributeClass, out string reason) is not { } spec)
            {
                Reporting.Report(report, DiagnosticDescriptors.AttributeNotHonoured, location, attributeClass.ToDisplayString(), methodName, reason);
                return false;
            }

            specs.Add(spec);
            return true;
        }

        // [SseEndpoint] is the endpoint itself, not metadata about it; what the compiler wrote into a referenced contract's
        // metadata ([NullableContext], [Nullable], ...) is bookkeeping of the compiler, not a convention of the endpoint.
        private static bool IsNotEndpointMetadata(INamedTypeSymbol attributeClass) =>
            SymbolFacts.Is(attributeClass, KnownNames.SseEndpointAttribute)
            || attributeClass.ContainingNamespace?.ToDisplayString() == "System.Runtime.CompilerServices";
    }
}
