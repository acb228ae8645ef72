using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SseGen.Generator.Model;
using SseGen.Generator.Model.Client;

namespace SseGen.Generator.Parsing.Client
{
    /// <summary>
    /// Walks the public properties of event payload types once, as System.Text.Json writes them: <c>[JsonPropertyName]</c>,
    /// <c>[JsonIgnore]</c>, <c>[JsonInclude]</c>, string enum converters, collections and dictionaries. A type it cannot
    /// describe truthfully (a custom converter, polymorphism, <c>object</c>) is <see cref="JsonShapeKind.Unknown"/>, never a guess.
    /// </summary>
    internal sealed class JsonShapeParser
    {
        /// <summary>How many named types one endpoint may reach: past it, the rest is <c>unknown</c> (a generated graph can be endless).</summary>
        public const int MaxTypes = 256;

        private const string JsonNamespace = "System.Text.Json.Serialization.";

        private readonly Dictionary<string, JsonTypeSpec?> _types = new(StringComparer.Ordinal);
        private readonly CancellationToken _cancellationToken;

        public JsonShapeParser(CancellationToken cancellationToken) => _cancellationToken = cancellationToken;

        /// <summary>Every object and enum the walked shapes reached, ordered by key.</summary>
        public EquatableArray<JsonTypeSpec> Types =>
            _types.Values.Where(t => t is not null).Select(t => t!).OrderBy(t => t.Key, StringComparer.Ordinal).ToEquatableArray();

        public JsonShapeSpec Shape(ITypeSymbol type) => Shape(type, IsNullable(type), enumAsString: false);

        private JsonShapeSpec Shape(ITypeSymbol type, bool nullable, bool enumAsString)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapped)
            {
                return Shape(wrapped.TypeArguments[0], nullable: true, enumAsString);
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_String:
                case SpecialType.System_Char:
                case SpecialType.System_DateTime:
                    return JsonShapeSpec.Of(JsonShapeKind.String, nullable);
                case SpecialType.System_Boolean:
                    return JsonShapeSpec.Of(JsonShapeKind.Boolean, nullable);
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
                    return JsonShapeSpec.Of(JsonShapeKind.Number, nullable);
                case SpecialType.System_Object:
                    return JsonShapeSpec.Of(JsonShapeKind.Unknown, false);
            }

            if (type is IArrayTypeSymbol array)
            {
                // byte[] is written as base64 text, not as an array of numbers.
                return array.ElementType.SpecialType == SpecialType.System_Byte
                    ? JsonShapeSpec.Of(JsonShapeKind.String, nullable)
                    : new JsonShapeSpec(JsonShapeKind.Array, nullable, Shape(array.ElementType), string.Empty, false);
            }

            if (type is not INamedTypeSymbol named || type.TypeKind == TypeKind.Error || type.IsAnonymousType || named.IsTupleType)
            {
                return JsonShapeSpec.Unknown;
            }

            string metadataName = SymbolFacts.MetadataName(named.OriginalDefinition);
            switch (metadataName)
            {
                case "System.DateTimeOffset":
                case "System.DateOnly":
                case "System.TimeOnly":
                case "System.TimeSpan":
                case "System.Guid":
                case "System.Uri":
                case "System.Version":
                    return JsonShapeSpec.Of(JsonShapeKind.String, nullable);
                case "System.Half":
                case "System.Int128":
                case "System.UInt128":
                    return JsonShapeSpec.Of(JsonShapeKind.Number, nullable);
                case "System.Memory`1":
                case "System.ReadOnlyMemory`1":
                    return named.TypeArguments[0].SpecialType == SpecialType.System_Byte
                        ? JsonShapeSpec.Of(JsonShapeKind.String, nullable)
                        : new JsonShapeSpec(JsonShapeKind.Array, nullable, Shape(named.TypeArguments[0]), string.Empty, false);
            }

            if (metadataName.StartsWith("System.Text.Json.", StringComparison.Ordinal) || HasCustomConverter(named, out bool stringEnum) && !stringEnum)
            {
                // JsonElement, JsonNode, JsonDocument, or a converter of the app's own: any JSON at all.
                return JsonShapeSpec.Unknown;
            }

            if (named.TypeKind == TypeKind.Enum)
            {
                return Declare(named) is { } key
                    ? new JsonShapeSpec(JsonShapeKind.Enum, nullable, null, key, enumAsString)
                    : JsonShapeSpec.Unknown;
            }

            if (Dictionary(named) is { } values)
            {
                return new JsonShapeSpec(JsonShapeKind.Dictionary, nullable, Shape(values), string.Empty, false);
            }

            if (Enumerable(named) is { } items)
            {
                return items is INamedTypeSymbol { SpecialType: SpecialType.System_Object } && !IsGenericEnumerable(named)
                    ? new JsonShapeSpec(JsonShapeKind.Array, nullable, JsonShapeSpec.Unknown, string.Empty, false)
                    : new JsonShapeSpec(JsonShapeKind.Array, nullable, Shape(items), string.Empty, false);
            }

            if (named.TypeKind == TypeKind.Delegate || named.IsGenericType && named.TypeArguments.Any(a => a is ITypeParameterSymbol)
                || named.GetAttributes().Any(a => IsJsonAttribute(a, "JsonPolymorphicAttribute") || IsJsonAttribute(a, "JsonDerivedTypeAttribute")))
            {
                // A discriminator and derived shapes the walk does not model: unknown, as the README says.
                return JsonShapeSpec.Unknown;
            }

            return Declare(named) is { } objectKey
                ? new JsonShapeSpec(JsonShapeKind.Object, nullable, null, objectKey, false)
                : JsonShapeSpec.Unknown;
        }

        /// <summary>Declares <paramref name="type"/> once; <see langword="null"/> when the bound is reached.</summary>
        private string? Declare(INamedTypeSymbol type)
        {
            string key = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            if (_types.ContainsKey(key))
            {
                return key;
            }

            if (_types.Count >= MaxTypes)
            {
                return null;
            }

            // Registered before its properties are walked, so a type that reaches itself refers to its own name.
            _types[key] = null;
            _types[key] = type.TypeKind == TypeKind.Enum ? Enum(type, key) : Object(type, key);
            return key;
        }

        private JsonTypeSpec Enum(INamedTypeSymbol type, string key)
        {
            bool flags = type.GetAttributes().Any(a => a.AttributeClass is { } c && SymbolFacts.Is(c, "System.FlagsAttribute"));
            HasCustomConverter(type, out bool ownStringConverter);
            JsonEnumFormat format = flags ? JsonEnumFormat.Flags : ownStringConverter ? JsonEnumFormat.String : JsonEnumFormat.Contract;
            var members = type.GetMembers().OfType<IFieldSymbol>()
                .Where(f => f.IsConst && f.HasConstantValue)
                .Select(f => new JsonEnumMemberSpec(
                    f.Name,
                    f.GetAttributes().Where(a => IsJsonAttribute(a, "JsonStringEnumMemberNameAttribute"))
                        .Select(a => a.ConstructorArguments.FirstOrDefault().Value as string).FirstOrDefault() ?? string.Empty,
                    Convert.ToString(f.ConstantValue, CultureInfo.InvariantCulture) ?? "0"))
                .ToEquatableArray();
            return new JsonTypeSpec(key, TypeName(type), type.ToDisplayString(SymbolFacts.MessageFormat), true, format, EquatableArray<JsonPropertySpec>.Empty, members);
        }

        private JsonTypeSpec Object(INamedTypeSymbol type, string key)
        {
            var chain = new List<INamedTypeSymbol>();
            for (INamedTypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
            {
                chain.Add(current);
            }

            if (type.TypeKind == TypeKind.Interface)
            {
                chain.AddRange(type.AllInterfaces);
            }

            // The type's own properties first, then its bases', each in declaration order, as the serializer writes them;
            // then [JsonPropertyOrder], a stable sort. A property a derived type hides is written once, the derived one.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var ordered = new List<(int Order, JsonPropertySpec Property)>();
            foreach (ISymbol member in chain.SelectMany(t => t.GetMembers()))
            {
                if (!seen.Contains(member.Name) && Property(member) is { } property)
                {
                    seen.Add(member.Name);
                    ordered.Add((Order(member), property));
                }
            }

            JsonPropertySpec[] properties = ordered.OrderBy(p => p.Order).Select(p => p.Property).ToArray();
            return new JsonTypeSpec(key, TypeName(type), type.ToDisplayString(SymbolFacts.MessageFormat), false, JsonEnumFormat.Contract, properties.ToEquatableArray(), EquatableArray<JsonEnumMemberSpec>.Empty);
        }

        private JsonPropertySpec? Property(ISymbol member)
        {
            if (member.IsStatic || member.IsImplicitlyDeclared && member is not IPropertySymbol)
            {
                return null;
            }

            ITypeSymbol type;
            bool included = member.GetAttributes().Any(a => IsJsonAttribute(a, "JsonIncludeAttribute"));
            switch (member)
            {
                case IPropertySymbol { IsIndexer: false, GetMethod: { } getter } property
                    when included || (property.DeclaredAccessibility == Accessibility.Public && getter.DeclaredAccessibility == Accessibility.Public):
                    if (property.Name == "EqualityContract")
                    {
                        return null;
                    }

                    type = property.Type;
                    break;
                case IFieldSymbol field when included && !field.IsConst:
                    type = field.Type;
                    break;
                default:
                    return null;
            }

            JsonOmission omission = JsonOmission.Contract;
            string jsonName = string.Empty;
            bool stringEnum = false;
            foreach (AttributeData attribute in member.GetAttributes())
            {
                if (IsJsonAttribute(attribute, "JsonIgnoreAttribute"))
                {
                    int condition = attribute.NamedArguments.Where(n => n.Key == "Condition").Select(n => n.Value.Value is int c ? c : 1).DefaultIfEmpty(1).First();
                    switch (condition)
                    {
                        case 0: // Never
                            omission = JsonOmission.Never;
                            break;
                        case 2: // WhenWritingDefault
                            omission = JsonOmission.WhenDefault;
                            break;
                        case 3: // WhenWritingNull
                            omission = JsonOmission.WhenNull;
                            break;
                        default: // Always
                            return null;
                    }
                }
                else if (IsJsonAttribute(attribute, "JsonPropertyNameAttribute") && attribute.ConstructorArguments.FirstOrDefault().Value is string name)
                {
                    jsonName = name;
                }
                else if (IsJsonAttribute(attribute, "JsonExtensionDataAttribute"))
                {
                    // Its entries become the object's own keys: not a property of that name.
                    return null;
                }
                else if (IsJsonAttribute(attribute, "JsonConverterAttribute"))
                {
                    if (!IsStringEnumConverter(attribute))
                    {
                        return new JsonPropertySpec(member.Name, jsonName, JsonShapeSpec.Unknown, omission);
                    }

                    stringEnum = true;
                }
            }

            JsonShapeSpec shape = Shape(type, IsNullable(type), stringEnum);
            return new JsonPropertySpec(member.Name, jsonName, shape, omission);
        }

        private static int Order(ISymbol member) =>
            member.GetAttributes().Where(a => IsJsonAttribute(a, "JsonPropertyOrderAttribute"))
                .Select(a => a.ConstructorArguments.FirstOrDefault().Value is int order ? order : 0).FirstOrDefault();

        /// <summary>Whether JSON may hold <c>null</c> for <paramref name="type"/>: annotated, <c>Nullable&lt;T&gt;</c>, or a reference type whose code does not say.</summary>
        public static bool IsNullable(ITypeSymbol type) =>
            type.NullableAnnotation == NullableAnnotation.Annotated
            || type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T }
            || (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.None);

        /// <summary>The name TypeScript declares <paramref name="type"/> under: <c>Page&lt;Item&gt;</c> is <c>PageOfItem</c>.</summary>
        private static string TypeName(INamedTypeSymbol type)
        {
            string name = type.ContainingType is { } outer ? TypeName(outer) + type.Name : type.Name;
            return type.TypeArguments.Length == 0
                ? name
                : name + "Of" + string.Concat(type.TypeArguments.Select(a => a is INamedTypeSymbol n ? TypeName(n) : a.Name));
        }

        private static bool HasCustomConverter(INamedTypeSymbol type, out bool stringEnum)
        {
            stringEnum = false;
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (IsJsonAttribute(attribute, "JsonConverterAttribute"))
                {
                    stringEnum = type.TypeKind == TypeKind.Enum && IsStringEnumConverter(attribute);
                    return true;
                }
            }

            return false;
        }

        private static bool IsStringEnumConverter(AttributeData attribute) =>
            attribute.ConstructorArguments.FirstOrDefault().Value is INamedTypeSymbol converter
            && SymbolFacts.MetadataName(converter.OriginalDefinition) is JsonNamespace + "JsonStringEnumConverter" or JsonNamespace + "JsonStringEnumConverter`1";

        private static bool IsJsonAttribute(AttributeData attribute, string name) =>
            attribute.AttributeClass is { } c && SymbolFacts.Is(c, JsonNamespace + name);

        private static ITypeSymbol? Dictionary(INamedTypeSymbol type)
        {
            foreach (INamedTypeSymbol candidate in new[] { type }.Concat(type.AllInterfaces))
            {
                if (candidate.IsGenericType
                    && SymbolFacts.MetadataName(candidate.OriginalDefinition) is "System.Collections.Generic.IDictionary`2" or "System.Collections.Generic.IReadOnlyDictionary`2")
                {
                    return candidate.TypeArguments[1];
                }
            }

            return null;
        }

        private static bool IsGenericEnumerable(INamedTypeSymbol type) =>
            new[] { type }.Concat(type.AllInterfaces).Any(i => SymbolFacts.IsGeneric(i, "System.Collections.Generic.IEnumerable`1"));

        private static ITypeSymbol? Enumerable(INamedTypeSymbol type)
        {
            foreach (INamedTypeSymbol candidate in new[] { type }.Concat(type.AllInterfaces))
            {
                if (SymbolFacts.IsGeneric(candidate, "System.Collections.Generic.IEnumerable`1"))
                {
                    return candidate.TypeArguments[0];
                }
            }

            foreach (INamedTypeSymbol candidate in new[] { type }.Concat(type.AllInterfaces))
            {
                if (SymbolFacts.Is(candidate, "System.Collections.IEnumerable"))
                {
                    return candidate.ContainingAssembly.GetTypeByMetadataName("System.Object");
                }
            }

            return null;
        }
    }
}
