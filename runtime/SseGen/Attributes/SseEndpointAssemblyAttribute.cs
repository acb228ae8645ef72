using System.ComponentModel;

namespace SseGen;

/// <summary>
/// Names the generated type that maps the <see cref="SseEndpointAttribute"/> methods of the assembly it is applied to,
/// so the <c>MapSseEndpoints</c> generated for an application that references the assembly maps them too.
/// The SseGen source generator applies it; it is not meant to be written by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class SseEndpointAssemblyAttribute : Attribute
{
    /// <summary>Creates the attribute for the generated mapper <paramref name="mapperType"/>.</summary>
    /// <param name="mapperType">The generated static class whose <c>MapEndpoints</c> method maps the assembly's endpoints.</param>
    public SseEndpointAssemblyAttribute(Type mapperType) => MapperType = mapperType;

    /// <summary>The generated static class whose <c>MapEndpoints</c> method maps the assembly's endpoints.</summary>
    public Type MapperType { get; }
}
