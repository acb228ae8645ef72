using SseGen.OpenApi;

namespace Microsoft.AspNetCore.OpenApi;

/// <summary>Registers what documents the generated SSE endpoints in an OpenAPI document.</summary>
public static class SseOpenApiOptionsExtensions
{
    /// <summary>Adds <see cref="SseEventsOperationTransformer"/>: event names, and typed unions as <c>oneOf</c>.</summary>
    /// <param name="options">The options of one OpenAPI document.</param>
    /// <returns><paramref name="options"/>, for chaining.</returns>
    public static OpenApiOptions AddSseGen(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AddOperationTransformer(new SseEventsOperationTransformer());
    }
}
