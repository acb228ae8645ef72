using System.ComponentModel;

namespace SseGen;

/// <summary>
/// Lists the contract interfaces (interfaces of <see cref="SseEndpointAttribute"/> methods) of an assembly that cannot
/// map endpoints itself, because it references neither the SseGen server runtime nor ASP.NET Core, so the
/// <c>MapSseEndpoints</c> generated for a server that references the assembly maps them to the implementations it
/// registers. The SseGen source generator applies it; it is not meant to be written by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class SseContractAssemblyAttribute : Attribute
{
    /// <summary>Creates the attribute for the contract interfaces <paramref name="contracts"/>.</summary>
    /// <param name="contracts">The assembly's interfaces that declare <see cref="SseEndpointAttribute"/> methods.</param>
    public SseContractAssemblyAttribute(params Type[] contracts) => Contracts = contracts;

    /// <summary>The assembly's interfaces that declare <see cref="SseEndpointAttribute"/> methods.</summary>
    public IReadOnlyList<Type> Contracts { get; }
}
