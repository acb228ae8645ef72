namespace SseGen.Generator.Model.Client
{
    /// <summary>A named JSON contract: the properties of an object, or the members of an enum.</summary>
    /// <param name="Key">The C# type, fully qualified: what shapes refer to it by.</param>
    /// <param name="Name">The name to declare it under: the type's name, type arguments appended with <c>Of</c>.</param>
    /// <param name="Display">The C# type as the user reads it, for the declaration's doc comment.</param>
    /// <param name="IsEnum">Whether it is an enum.</param>
    /// <param name="EnumFormat">How the enum is written.</param>
    /// <param name="Properties">An object's properties in the order the serializer writes them.</param>
    /// <param name="Members">An enum's members in declaration order.</param>
    internal sealed record JsonTypeSpec(
        string Key,
        string Name,
        string Display,
        bool IsEnum,
        JsonEnumFormat EnumFormat,
        EquatableArray<JsonPropertySpec> Properties,
        EquatableArray<JsonEnumMemberSpec> Members);

    /// <summary>How an enum is written.</summary>
    internal enum JsonEnumFormat
    {
        /// <summary>As the contract says: numbers unless its options use the string enum converter.</summary>
        Contract,

        /// <summary>As its names: the enum type carries <c>[JsonConverter(typeof(JsonStringEnumConverter))]</c>.</summary>
        String,

        /// <summary>As text that can join several names: a <c>[Flags]</c> enum under a string converter.</summary>
        Flags,
    }

    /// <summary>One property of an object's JSON.</summary>
    /// <param name="Name">The C# name, to which the contract's naming policy applies.</param>
    /// <param name="JsonName">The name <c>[JsonPropertyName]</c> gives, which no policy changes; empty when none.</param>
    /// <param name="Shape">The value.</param>
    /// <param name="IgnoredWhen">When the serializer leaves the property out.</param>
    internal sealed record JsonPropertySpec(string Name, string JsonName, JsonShapeSpec Shape, JsonOmission IgnoredWhen);

    /// <summary>When a property is left out of the JSON, so TypeScript marks it optional.</summary>
    internal enum JsonOmission
    {
        /// <summary>As the contract's <c>DefaultIgnoreCondition</c> says.</summary>
        Contract,

        /// <summary>Always written: <c>[JsonIgnore(Condition = Never)]</c>.</summary>
        Never,

        /// <summary><c>[JsonIgnore(Condition = WhenWritingNull)]</c>.</summary>
        WhenNull,

        /// <summary><c>[JsonIgnore(Condition = WhenWritingDefault)]</c>.</summary>
        WhenDefault,
    }

    /// <summary>One member of an enum.</summary>
    /// <param name="Name">The C# name.</param>
    /// <param name="JsonName">The name <c>[JsonStringEnumMemberName]</c> gives; empty when none.</param>
    /// <param name="Value">Its number, as the invariant culture writes it.</param>
    internal sealed record JsonEnumMemberSpec(string Name, string JsonName, string Value);
}
