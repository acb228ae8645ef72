namespace SseGen.Generator.Model
{
    /// <summary>Where a parameter's value comes from, as in minimal APIs.</summary>
    internal enum ParameterSource
    {
        Route,
        Query,
        Header,
        LastEventId,
        Services,
        HttpContext,
        CancellationToken,
    }
}
