namespace SseGen.Generator.Model
{
    /// <summary>Everything the emitter needs for one <c>[SseEndpoint]</c> method: strings, numbers and arrays, no Roslyn.</summary>
    /// <param name="HintName">The generated file's hint name, <c>{Type}.{Method}.g.cs</c>.</param>
    /// <param name="Namespace">The containing type's namespace; empty for the global namespace.</param>
    /// <param name="ClassName">The generated endpoint class's name.</param>
    /// <param name="Owner">The containing type.</param>
    /// <param name="OwnerName">The containing type's own name, which API descriptions group the endpoint under, as a controller's actions.</param>
    /// <param name="OwnerKind">Whether the method is static, or how its object is obtained and disposed.</param>
    /// <param name="Method">The method's name, escaped for C# when needed.</param>
    /// <param name="EndpointName">The name used in logs: the owner's metadata name and the method.</param>
    /// <param name="Route">The route of the endpoint.</param>
    /// <param name="Result">How the method hands back its items.</param>
    /// <param name="Outcome">For a method returning <c>Results&lt;SseStream&lt;T&gt;, …&gt;</c>: the union and its other cases; otherwise <see langword="null"/>.</param>
    /// <param name="Items">What the items are and how each is written.</param>
    /// <param name="Parameters">The method's parameters, in declaration order.</param>
    /// <param name="RequestValues">The parameters read from the request, required ones first, as API descriptions declare them (C# wants optional parameters last).</param>
    /// <param name="CanFailBinding">Whether a request can get the 400: a value is parsed, a required text value may be missing, or a value has validation attributes.</param>
    /// <param name="HeartbeatSeconds">-1 for the application's default, 0 for off.</param>
    /// <param name="RetryMilliseconds">-1 for none.</param>
    /// <param name="EndSentinel">The data of the last event written when the items end normally; <see langword="null"/> for none.</param>
    /// <param name="Attributes">The attributes of the containing type, then of the method, that become endpoint metadata.</param>
    /// <param name="Client">What the generated TypeScript client needs: URL pieces, events and their JSON shapes.</param>
    internal sealed record EndpointSpec(
        string HintName,
        string Namespace,
        string ClassName,
        TypeRef Owner,
        string OwnerName,
        OwnerKind OwnerKind,
        string Method,
        string EndpointName,
        RouteSpec Route,
        ResultKind Result,
        OutcomeSpec? Outcome,
        ItemSpec Items,
        EquatableArray<ParameterSpec> Parameters,
        EquatableArray<ParameterSpec> RequestValues,
        bool CanFailBinding,
        int HeartbeatSeconds,
        int RetryMilliseconds,
        string? EndSentinel,
        EquatableArray<AttributeSpec> Attributes,
        Client.ClientSpec Client);
}
