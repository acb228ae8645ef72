using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SseGen.Generator.Diagnostics;
using SseGen.Generator.Model;

namespace SseGen.Generator.Parsing
{
    /// <summary>Decides where each parameter comes from, as minimal APIs do, or reports why it cannot be bound.</summary>
    internal static class ParameterParser
    {
        public static ParameterSpec? Parse(
            IParameterSymbol parameter,
            IReadOnlyList<string> routeParameters,
            string methodName,
            ref bool sawLastEventId,
            Action<Diagnostic>? report)
        {
            ITypeSymbol type = parameter.Type;
            TypeRef typeRef = SymbolFacts.TypeRef(type);
            Location? location = parameter.Locations.FirstOrDefault();

            ITypeSymbol valueType = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableValue
                ? nullableValue.TypeArguments[0]
                : type;
            TypeRef valueRef = SymbolFacts.TypeRef(valueType.WithNullableAnnotation(NullableAnnotation.NotAnnotated));
            ParameterSpec? Make(ParameterSource source, string key, ParseKind parse, TypeRef parseType, bool optional, string defaultValue)
            {
                // Only request values are validated, as minimal APIs validate: services and the context are not input.
                EquatableArray<AttributeSpec> validation = EquatableArray<AttributeSpec>.Empty;
                bool required = false;
                if (parse != ParseKind.None)
                {
                    if (ValidationAttributes(parameter, methodName, report, out required) is not { } attributes)
                    {
                        return null;
                    }

                    validation = attributes;
                }

                return new(
                    parameter.Name,
                    SymbolFacts.EscapeIdentifier(parameter.Name),
                    typeRef,
                    source,
                    key,
                    parse,
                    parseType,
                    optional,
                    // [Required] makes a value the method could do without one the request must send.
                    (optional || source == ParameterSource.LastEventId) && !required,
                    defaultValue,
                    parse != ParseKind.None && source != ParameterSource.LastEventId
                        && parameter.HasExplicitDefaultValue && parameter.ExplicitDefaultValue is not null,
                    validation);
            }

            ParameterSpec? Unsupported(string reason)
            {
                Reporting.Report(report, DiagnosticDescriptors.UnsupportedParameter, location, parameter.Name, type.ToDisplayString(), reason);
                return null;
            }

            if (parameter.RefKind != RefKind.None)
            {
                return Unsupported("a request value cannot be passed by reference");
            }

            if (parameter.GetAttributes().Any(a => a.AttributeClass is { } c && SymbolFacts.Is(c, KnownNames.LastEventIdAttribute)))
            {
                bool first = !sawLastEventId;
                sawLastEventId = true;
                if (!first)
                {
                    Reporting.Report(report, DiagnosticDescriptors.MultipleLastEventId, location, methodName);
                    return null;
                }

                if (type.SpecialType != SpecialType.System_String)
                {
                    Reporting.Report(report, DiagnosticDescriptors.LastEventIdNotString, location, parameter.Name);
                    return null;
                }

                return Make(ParameterSource.LastEventId, "Last-Event-ID", ParseKind.String, valueRef, optional: true, "null");
            }

            if (SymbolFacts.Is(type, KnownNames.HttpContext))
            {
                return Make(ParameterSource.HttpContext, string.Empty, ParseKind.None, typeRef, optional: false, string.Empty);
            }

            if (SymbolFacts.Is(type, KnownNames.CancellationToken))
            {
                return Make(ParameterSource.CancellationToken, string.Empty, ParseKind.None, typeRef, optional: false, string.Empty);
            }

            ParseKind parse = ParseKindOf(valueType);
            bool optional = parameter.HasExplicitDefaultValue
                || !SymbolEqualityComparer.Default.Equals(valueType, type)
                || (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated);
            string defaultValue = optional ? DefaultValue(parameter, valueType) : "default";

            ParameterSource? source = null;
            string key = parameter.Name;
            foreach (AttributeData attribute in parameter.GetAttributes())
            {
                if (attribute.AttributeClass is not { } attributeClass)
                {
                    continue;
                }

                string attributeName = SymbolFacts.MetadataName(attributeClass);
                switch (attributeName)
                {
                    case KnownNames.FromServicesAttribute:
                        source = ParameterSource.Services;
                        break;
                    case KnownNames.FromRouteAttribute:
                        source = ParameterSource.Route;
                        key = NameArgument(attribute) ?? key;
                        break;
                    case KnownNames.FromQueryAttribute:
                        source = ParameterSource.Query;
                        key = NameArgument(attribute) ?? key;
                        break;
                    case KnownNames.FromHeaderAttribute:
                        source = ParameterSource.Header;
                        key = NameArgument(attribute) ?? key;
                        break;
                    case KnownNames.FromBodyAttribute:
                    case KnownNames.FromFormAttribute:
                        return Unsupported("an event stream is a GET request, which has no body or form");
                    case KnownNames.AsParametersAttribute:
                        return Unsupported("[AsParameters] is not supported; declare the parameters on the method");
                }
            }

            if (source == ParameterSource.Services)
            {
                return Make(ParameterSource.Services, string.Empty, ParseKind.None, valueRef, optional, string.Empty);
            }

            if (source is { } fromRequest)
            {
                return parse == ParseKind.None
                    ? Unsupported("a route value, query string or header can only bind a string, an enum or an IParsable<T> type")
                    : Make(fromRequest, key, parse, valueRef, optional, defaultValue);
            }

            if (parse != ParseKind.None)
            {
                bool inRoute = routeParameters.Any(r => string.Equals(r, parameter.Name, StringComparison.OrdinalIgnoreCase));
                return Make(inRoute ? ParameterSource.Route : ParameterSource.Query, parameter.Name, parse, valueRef, optional, defaultValue);
            }

            // As in minimal APIs, a class or interface that is not parsed from text is a service; a GET has no body to bind it from.
            return type.TypeKind is TypeKind.Class or TypeKind.Interface && type.SpecialType == SpecialType.None && !type.IsAnonymousType
                ? Make(ParameterSource.Services, string.Empty, ParseKind.None, valueRef, optional, string.Empty)
                : Unsupported("it is neither parsed from text (string, enum, IParsable<T>) nor a service");
        }

        /// <summary>The parameter's DataAnnotations validation attributes in source order, or <see langword="null"/> when one cannot be constructed (reported).</summary>
        private static EquatableArray<AttributeSpec>? ValidationAttributes(IParameterSymbol parameter, string methodName, Action<Diagnostic>? report, out bool required)
        {
            bool valid = true;
            required = false;
            var specs = new List<AttributeSpec>();
            foreach (AttributeData attribute in parameter.GetAttributes())
            {
                if (attribute.AttributeClass is not { TypeKind: not TypeKind.Error } attributeClass || !IsValidationAttribute(attributeClass))
                {
                    continue;
                }

                if (AttributeSpecReader.Read(attribute, attributeClass, out string reason) is { } spec)
                {
                    specs.Add(spec);
                    required |= DerivesFrom(attributeClass, KnownNames.RequiredAttribute);
                }
                else
                {
                    valid = false;
                    Location? location = attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? parameter.Locations.FirstOrDefault();
                    Reporting.Report(report, DiagnosticDescriptors.ValidationAttributeNotHonoured, location, attributeClass.ToDisplayString(), parameter.Name, methodName, reason);
                }
            }

            return valid ? specs.ToEquatableArray() : null;
        }

        private static bool IsValidationAttribute(INamedTypeSymbol attributeClass) =>
            attributeClass.BaseType is { } baseType && DerivesFrom(baseType, KnownNames.ValidationAttribute);

        private static bool DerivesFrom(INamedTypeSymbol type, string metadataName)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (SymbolFacts.Is(current, metadataName))
                {
                    return true;
                }
            }

            return false;
        }

        private static ParseKind ParseKindOf(ITypeSymbol type)
        {
            if (type.SpecialType == SpecialType.System_String)
            {
                return ParseKind.String;
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                return ParseKind.Enum;
            }

            foreach (INamedTypeSymbol candidate in type.AllInterfaces)
            {
                if (SymbolFacts.IsGeneric(candidate, KnownNames.IParsable)
                    && SymbolEqualityComparer.Default.Equals(candidate.TypeArguments[0], type))
                {
                    return ParseKind.Parsable;
                }
            }

            return ParseKind.None;
        }

        private static string? NameArgument(AttributeData attribute)
        {
            foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
            {
                if (named.Key == "Name" && named.Value.Value is string { Length: > 0 } name)
                {
                    return name;
                }
            }

            return null;
        }

        private static string DefaultValue(IParameterSymbol parameter, ITypeSymbol valueType) =>
            parameter.HasExplicitDefaultValue ? ConstantFormatter.Format(parameter.ExplicitDefaultValue, valueType) ?? "default" : "default";
    }
}
