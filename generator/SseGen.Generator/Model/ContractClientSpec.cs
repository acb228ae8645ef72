namespace SseGen.Generator.Model
{
    /// <summary>Everything the client emitter needs for one <c>[SseClient]</c> class: strings and arrays, no Roslyn.</summary>
    /// <param name="HintName">The generated file's hint name, <c>{Namespace}.{Class}.SseClient.g.cs</c>.</param>
    /// <param name="Namespace">The class's namespace; empty for the global namespace.</param>
    /// <param name="ClassName">The user's partial class.</param>
    /// <param name="Contract">The contract interface it implements.</param>
    /// <param name="JsonContext">The <c>JsonSerializerContext</c> named by the attribute, fully qualified; empty when none.</param>
    /// <param name="Methods">The contract's endpoints, in declaration order.</param>
    internal sealed record ContractClientSpec(
        string HintName,
        string Namespace,
        string ClassName,
        TypeRef Contract,
        string JsonContext,
        EquatableArray<ClientMethodSpec> Methods);

    /// <summary>One contract method and the path its request is built from.</summary>
    /// <param name="Endpoint">The same model the server's endpoint is generated from.</param>
    /// <param name="Path">The route pattern as literal text and route parameters, in order.</param>
    internal sealed record ClientMethodSpec(EndpointSpec Endpoint, EquatableArray<RoutePiece> Path);

    /// <summary>A piece of a route pattern: literal text, or the parameter whose escaped value fills a <c>{name}</c>.</summary>
    /// <param name="Text">The literal text, or the parameter's C# identifier.</param>
    /// <param name="IsParameter">Whether <see cref="Text"/> names a parameter.</param>
    internal sealed record RoutePiece(string Text, bool IsParameter);
}
