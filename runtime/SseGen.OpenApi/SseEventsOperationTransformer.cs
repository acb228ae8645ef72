using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SseGen.OpenApi;

/// <summary>
/// Completes the <c>text/event-stream</c> response of every operation whose endpoint carries <see cref="SseStreamMetadata"/>:
/// the event name as <c>x-sse-event</c>, and a typed union as a <c>oneOf</c> with one schema per event name.
/// </summary>
public sealed class SseEventsOperationTransformer : IOpenApiOperationTransformer
{
    /// <summary>The media type of every generated SSE endpoint's stream.</summary>
    public const string EventStream = "text/event-stream";

    /// <summary>The extension that names the <c>event:</c> field of the events a schema describes.</summary>
    public const string EventExtension = "x-sse-event";

    /// <inheritdoc />
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        SseStreamMetadata? stream = context.Description.ActionDescriptor.EndpointMetadata.OfType<SseStreamMetadata>().LastOrDefault();
        if (stream is null || stream.Events.Count == 0)
        {
            return;
        }

        operation.Responses ??= [];
        if (!operation.Responses.TryGetValue("200", out IOpenApiResponse? response) || response is not OpenApiResponse ok)
        {
            ok = new OpenApiResponse { Description = "OK" };
            operation.Responses["200"] = ok;
        }

        ok.Content ??= new Dictionary<string, OpenApiMediaType>();
        if (!ok.Content.TryGetValue(EventStream, out OpenApiMediaType? media))
        {
            media = new OpenApiMediaType();
            ok.Content[EventStream] = media;
        }

        if (stream.Events.Count == 1)
        {
            // One kind of event: the schema already came from ProducesResponseTypeMetadata; only its name is missing.
            SseEventMetadata only = stream.Events[0];
            media.Schema ??= await context.GetOrCreateSchemaAsync(only.DataType, null, cancellationToken);
            if (only.EventType is not null)
            {
                media.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                media.Extensions[EventExtension] = new JsonNodeExtension(JsonValue.Create(only.EventType));
            }

            return;
        }

        // The event name travels in the event: field, not in the JSON, so no discriminator property can map it;
        // each alternative names it instead.
        var union = new OpenApiSchema { OneOf = [] };
        foreach (SseEventMetadata item in stream.Events)
        {
            OpenApiSchema schema = await context.GetOrCreateSchemaAsync(item.DataType, null, cancellationToken);
            if (item.EventType is not null)
            {
                schema.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                schema.Extensions[EventExtension] = new JsonNodeExtension(JsonValue.Create(item.EventType));
            }

            union.OneOf.Add(schema);
        }

        media.Schema = union;
    }
}
