using System.ComponentModel;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace SseGen;

/// <summary>
/// Describes one request value a generated SSE endpoint binds, as ApiExplorer reads parameters (and so OpenAPI documents them).
/// </summary>
/// <remarks>
/// Minimal APIs get these from the request delegate factory; a generated endpoint binds its request itself, so it describes
/// each value with a parameter of a never-called method whose <c>[FromRoute]</c>, <c>[FromQuery]</c> or <c>[FromHeader]</c>
/// names it as the request does.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SseParameterBindingMetadata : IParameterBindingMetadata
{
    /// <summary>Describes <paramref name="parameterInfo"/>.</summary>
    /// <param name="parameterInfo">The parameter that names the value, its source and its type.</param>
    /// <param name="isOptional">Whether a request may leave the value out.</param>
    public SseParameterBindingMetadata(ParameterInfo parameterInfo, bool isOptional)
    {
        ArgumentNullException.ThrowIfNull(parameterInfo);
        ParameterInfo = parameterInfo;
        IsOptional = isOptional;
        Type type = Nullable.GetUnderlyingType(parameterInfo.ParameterType) ?? parameterInfo.ParameterType;

        // Every value bound from text is a string, an enum or an IParsable<T>.
        HasTryParse = type != typeof(string);
    }

    /// <inheritdoc />
    public string Name => ParameterInfo.Name ?? string.Empty;

    /// <inheritdoc />
    public bool HasTryParse { get; }

    /// <inheritdoc />
    public bool HasBindAsync => false;

    /// <inheritdoc />
    public ParameterInfo ParameterInfo { get; }

    /// <inheritdoc />
    public bool IsOptional { get; }
}
