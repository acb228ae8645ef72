namespace SseGen.Generator.Model
{
    /// <summary>One parameter of an endpoint method and how to bind it.</summary>
    /// <param name="Name">The parameter's name, without a keyword's <c>@</c>; generated locals append a suffix to it.</param>
    /// <param name="Identifier">The parameter's name as a C# identifier: <see cref="Name"/>, with <c>@</c> for a keyword.</param>
    /// <param name="Type">The parameter's type as declared.</param>
    /// <param name="Source">Where the value comes from.</param>
    /// <param name="Key">The route value, query or header name; empty when not from the request.</param>
    /// <param name="Parse">How text becomes the value.</param>
    /// <param name="ParseType">The type parsed or resolved: <see cref="Type"/> without <c>Nullable&lt;&gt;</c> or annotation.</param>
    /// <param name="IsOptional">Whether a missing value is fine: nullable, or with a default value.</param>
    /// <param name="IsOptionalInRequest">Whether API descriptions call the request value optional: as <see cref="IsOptional"/>, and always for <c>Last-Event-ID</c>, which a first connection never sends; never with <c>[Required]</c>.</param>
    /// <param name="DefaultValue">The C# expression of the value when the request has none.</param>
    /// <param name="HasDefaultValue">Whether <see cref="DefaultValue"/> is a value the user declared, not <c>default</c>.</param>
    /// <param name="Validation">The parameter's DataAnnotations <c>ValidationAttribute</c>s, checked once the value is bound; empty for values not from the request.</param>
    internal sealed record ParameterSpec(
        string Name,
        string Identifier,
        TypeRef Type,
        ParameterSource Source,
        string Key,
        ParseKind Parse,
        TypeRef ParseType,
        bool IsOptional,
        bool IsOptionalInRequest,
        string DefaultValue,
        bool HasDefaultValue,
        EquatableArray<AttributeSpec> Validation)
    {
        /// <summary>Whether the value is read from the request as text: a route value, query string value or header.</summary>
        public bool IsRequestValue => Parse != ParseKind.None;

        /// <summary>Whether the bound value is checked against <see cref="Validation"/> before the stream starts.</summary>
        public bool IsValidated => Validation.Count > 0;
    }
}
