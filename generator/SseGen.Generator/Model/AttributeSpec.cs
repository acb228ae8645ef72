namespace SseGen.Generator.Model
{
    /// <summary>An attribute the user wrote, as the C# that constructs it again: no reflection needed to read it at run time.</summary>
    /// <param name="Type">The attribute class, fully qualified with <c>global::</c>.</param>
    /// <param name="Arguments">The constructor arguments as C# expressions, <c>params</c> arrays included.</param>
    /// <param name="Initializers">The named arguments as <c>Name = expression</c>.</param>
    internal sealed record AttributeSpec(string Type, EquatableArray<string> Arguments, EquatableArray<string> Initializers);
}
