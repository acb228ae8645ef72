namespace SseGen.Generator.Model.Client
{
    /// <summary>One endpoint as the TypeScript client names it: by declaring type, then method, as <c>MapSseEndpoints</c>' conventions do.</summary>
    /// <param name="Owner">The declaring type's name, nested types joined by <c>_</c>.</param>
    /// <param name="QualifiedOwner"><paramref name="Owner"/> after its namespace, for two declaring types of one name.</param>
    /// <param name="Member">The method's name, with <c>_1</c>, <c>_2</c> for overloads.</param>
    /// <param name="Pattern">The route pattern, for doc comments.</param>
    /// <param name="Client">Its URL, events and JSON.</param>
    internal sealed record ClientEndpointSpec(string Owner, string QualifiedOwner, string Member, string Pattern, ClientSpec Client)
    {
        /// <summary>What the client needs of <paramref name="endpoint"/>, and no more.</summary>
        public static ClientEndpointSpec For(EndpointSpec endpoint) =>
            new ClientEndpointSpec(endpoint.Route.OwnerName.TrimStart('@'), endpoint.Route.OwnerQualifiedName.TrimStart('@'), endpoint.Route.Member.TrimStart('@'), endpoint.Route.Pattern, endpoint.Client);

        public static int Ordinal(ClientEndpointSpec x, ClientEndpointSpec y)
        {
            int byOwner = string.CompareOrdinal(x.QualifiedOwner, y.QualifiedOwner);
            return byOwner != 0 ? byOwner : string.CompareOrdinal(x.Member, y.Member);
        }
    }
}
