namespace SseGen.Generator.Model
{
    /// <summary>One parameter of an endpoint method and how to bind it.</summary>
    /// <param name="Name">The parameter's name, without a keyword's <c>@</c>; generated locals append a suffix to it.</param>
    /// <param name="Type">The parameter's type, fully qualified, nullable annotation included.</param>
    /// <param name="Source">Where the value comes from.</param>
    /// <param name="Key">The route value, query or header name; empty when not from the request.</param>
    /// <param name="Parse">How text becomes the value.</param>
    /// <param name="ParseType">The type parsed: <see cref="Type"/> without <c>Nullable&lt;&gt;</c> or annotation.</param>
    /// <param name="IsOptional">Whether a missing value is fine: nullable, or with a default value.</param>
    /// <param name="DefaultValue">The C# expression of the default value when the request has none.</param>
    internal sealed record ParameterSpec(
        string Name,
        string Type,
        ParameterSource Source,
        string Key,
        ParseKind Parse,
        string ParseType,
        bool IsOptional,
        string DefaultValue);
}
