using System;
using System.Collections.Generic;
using System.Linq;
using SseGen.Generator.Model;
using SseGen.Generator.Model.Client;

namespace SseGen.Generator.Emitting.TypeScript
{
    /// <summary>
    /// The C# → TypeScript type mapping: one function of a JSON shape and the contract, plus the names the module declares
    /// each object and enum under (unique, none hiding a global type, ordered by C# name so every build agrees).
    /// </summary>
    internal sealed class TypeScriptTypes
    {
        private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

        public TypeScriptTypes(JsonContractSpec contract, IEnumerable<JsonTypeSpec> types, IEnumerable<string> takenNames)
        {
            Contract = contract;
            var taken = new HashSet<string>(TypeScriptNames.TakenTypeNames.Concat(takenNames), StringComparer.Ordinal);
            var declared = new List<JsonTypeSpec>();
            foreach (JsonTypeSpec type in types.GroupBy(t => t.Key).Select(g => g.First()).OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                string name = TypeScriptNames.Pascal(TypeScriptNames.Identifier(type.Name));
                string unique = taken.Contains(name) ? name + "Json" : name;
                for (int n = 2; taken.Contains(unique); n++)
                {
                    unique = name + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                taken.Add(unique);
                _names[type.Key] = unique;
                declared.Add(type);
            }

            Declared = declared;
        }

        public JsonContractSpec Contract { get; }

        /// <summary>The objects and enums to declare, ordered by C# name.</summary>
        public IReadOnlyList<JsonTypeSpec> Declared { get; }

        public string NameOf(JsonTypeSpec type) => _names[type.Key];

        /// <summary>The TypeScript type of <paramref name="shape"/>, <c>| null</c> included where JSON may hold null.</summary>
        public string Of(JsonShapeSpec shape) => shape.IsNullable && shape.Kind != JsonShapeKind.Unknown ? NonNull(shape) + " | null" : NonNull(shape);

        /// <summary>The TypeScript type of <paramref name="shape"/> without its <c>| null</c>: for a property left out rather than written as null.</summary>
        public string NonNull(JsonShapeSpec shape) => shape.Kind switch
        {
            JsonShapeKind.String => "string",
            JsonShapeKind.Number => "number",
            JsonShapeKind.Boolean => "boolean",
            JsonShapeKind.Array => shape.Element is { } items ? ArrayOf(Of(items)) : "unknown[]",
            JsonShapeKind.Dictionary => "Record<string, " + (shape.Element is { } values ? Of(values) : "unknown") + ">",
            JsonShapeKind.Object => _names[shape.TypeKey],
            JsonShapeKind.Enum => Enum(shape),
            _ => "unknown",
        };

        /// <summary>The union an enum declaration stands for: its JSON names when written as strings, else its numbers.</summary>
        public string EnumUnion(JsonTypeSpec type, bool asString)
        {
            if (type.EnumFormat == JsonEnumFormat.Flags && asString)
            {
                // A combination is written as "A, B": no finite union of names describes it.
                return "string";
            }

            if (type.Members.Count == 0)
            {
                return asString ? "string" : "number";
            }

            return string.Join(" | ", asString
                ? type.Members.Select(m => TypeScriptNames.Literal(m.JsonName.Length > 0 ? m.JsonName : m.Name)).Distinct()
                : type.EnumFormat == JsonEnumFormat.Flags ? new[] { "number" } : type.Members.Select(m => m.Value).Distinct());
        }

        /// <summary>Whether the enum is written as text: its own converter, or the contract's string enum converter.</summary>
        public bool WritesNames(JsonTypeSpec type) => type.EnumFormat != JsonEnumFormat.Contract || Contract.EnumsAsStrings;

        /// <summary>The property's key and whether it may be missing: left out when null or default, by its attribute or the contract.</summary>
        public (string Key, bool Optional, string Type) Property(JsonPropertySpec property)
        {
            string name = property.JsonName.Length > 0 ? property.JsonName : JsonNames.Apply(Contract.Naming, property.Name);
            JsonOmission omission = property.IgnoredWhen == JsonOmission.Contract ? Contract.Omission : property.IgnoredWhen;
            bool optional = omission == JsonOmission.WhenDefault || (omission == JsonOmission.WhenNull && property.Shape.IsNullable);

            // Left out instead of null: the key may be missing, but a value that is there is never null.
            string type = optional ? NonNull(property.Shape) : Of(property.Shape);
            return (TypeScriptNames.Key(name), optional, type);
        }

        private string Enum(JsonShapeSpec shape)
        {
            JsonTypeSpec type = Declared.First(t => t.Key == shape.TypeKey);
            return shape.EnumAsString && !WritesNames(type) ? "(" + EnumUnion(type, asString: true) + ")" : _names[shape.TypeKey];
        }

        private static string ArrayOf(string element) =>
            element.IndexOf(' ') >= 0 ? "Array<" + element + ">" : element + "[]";

        /// <summary>Every object and enum of <paramref name="endpoints"/>, once.</summary>
        public static IEnumerable<JsonTypeSpec> All(EquatableArray<ClientEndpointSpec> endpoints) => endpoints.SelectMany(e => e.Client.Types);
    }
}
