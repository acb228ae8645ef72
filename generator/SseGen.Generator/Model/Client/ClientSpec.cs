namespace SseGen.Generator.Model.Client
{
    /// <summary>What a client of one endpoint needs: how to build its URL, which events it sends and their JSON.</summary>
    /// <param name="Route">The route pattern in pieces, in order.</param>
    /// <param name="Query">The query string values, required ones first.</param>
    /// <param name="Headers">The header names the endpoint reads (<c>Last-Event-ID</c> aside): only the fetch-based reader can send them.</param>
    /// <param name="Events">The event types it sends, by name; one without a name stands for any.</param>
    /// <param name="Types">Every object and enum its events reach, ordered by key.</param>
    /// <param name="EndSentinel">The data of the <c>message</c> event that ends the stream for good; <see langword="null"/> for none.</param>
    internal sealed record ClientSpec(
        EquatableArray<RoutePieceSpec> Route,
        EquatableArray<ClientValueSpec> Query,
        EquatableArray<string> Headers,
        EquatableArray<ClientEventSpec> Events,
        EquatableArray<JsonTypeSpec> Types,
        string? EndSentinel = null);

    /// <summary>A literal of a route pattern, or one of its parameters.</summary>
    /// <param name="Text">The literal text, or the parameter's name.</param>
    /// <param name="Parameter">For a parameter, its value's type and whether it can be left out; otherwise <see langword="null"/>.</param>
    /// <param name="IsCatchAll">Whether a parameter takes the rest of the path, slashes included.</param>
    /// <param name="IsWholeSegment">Whether a parameter is its segment's only piece, so leaving it out drops the segment.</param>
    internal sealed record RoutePieceSpec(string Text, ClientValueSpec? Parameter, bool IsCatchAll, bool IsWholeSegment);

    /// <summary>A route or query value: its name in the request, its type, and whether it may be left out.</summary>
    /// <param name="Key">The route value or query string name.</param>
    /// <param name="Identifier">The C# parameter's name: what the client names its argument or property.</param>
    /// <param name="Kind">What text it is parsed from: <see cref="JsonShapeKind.String"/>, <see cref="JsonShapeKind.Number"/>, <see cref="JsonShapeKind.Boolean"/> or <see cref="JsonShapeKind.Enum"/>.</param>
    /// <param name="EnumNames">For an enum, the names <c>Enum.TryParse</c> reads, whatever the JSON contract; otherwise empty.</param>
    /// <param name="IsOptional">Whether the request may omit it.</param>
    internal sealed record ClientValueSpec(string Key, string Identifier, JsonShapeKind Kind, EquatableArray<string> EnumNames, bool IsOptional);

    /// <summary>One event type of an endpoint.</summary>
    /// <param name="Name">The <c>event:</c> name; empty when each item names its own, so any name may come.</param>
    /// <param name="Data">The data's JSON, or <see langword="null"/> when the data is text.</param>
    internal sealed record ClientEventSpec(string Name, JsonShapeSpec? Data);
}
