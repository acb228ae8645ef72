using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace SseGen;

/// <summary>
/// An <see cref="IResult"/> that writes <see cref="Items"/> as an event stream with <see cref="SseResponse"/>: chunked,
/// one flush per event or burst, heartbeats, send timeout, a clean end. Created by <see cref="SseResults"/>.
/// </summary>
/// <typeparam name="T">
/// The item type: <see cref="string"/> is written as text, <c>SseItem&lt;T&gt;</c> under its own event type and id,
/// anything else as JSON with the application's minimal-API contracts.
/// </typeparam>
/// <remarks>
/// Return it from a minimal API handler, alone or in <c>Results&lt;SseStream&lt;T&gt;, NotFound&gt;</c>: a check that fails
/// answers before the stream starts, with no event-stream head. The endpoint is described as a <c>200 text/event-stream</c>
/// response of <typeparamref name="T"/>'s data.
/// </remarks>
public sealed class SseStream<T> : IResult, IEndpointMetadataProvider
{
    private readonly Func<IServiceProvider, string?, Action<SseFrameWriter, T>> _createWriter;

    internal SseStream(IAsyncEnumerable<T> items, string? eventType, SseStreamOptions? options, Func<IServiceProvider, string?, Action<SseFrameWriter, T>> createWriter)
    {
        Items = items;
        EventType = eventType;
        Options = options;
        _createWriter = createWriter;
    }

    /// <summary>The events, enumerated once when the result executes, with the request's <see cref="HttpContext.RequestAborted"/>.</summary>
    public IAsyncEnumerable<T> Items { get; }

    /// <summary>
    /// The <c>event:</c> name of every item whose type carries no <see cref="SseEventAttribute"/>;
    /// <see langword="null"/> for none (clients dispatch <c>message</c>), and always for <c>SseItem&lt;T&gt;</c> items.
    /// </summary>
    public string? EventType { get; }

    /// <summary>The stream's settings; <see langword="null"/> for <see cref="SseStreamOptions.Default"/>.</summary>
    public SseStreamOptions? Options { get; }

    /// <summary>Starts the event stream and writes every item; completes when the stream has ended.</summary>
    /// <param name="httpContext">The request's context; its response has not started.</param>
    /// <returns>A task that completes when the items ran out, the client left, or the items failed.</returns>
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);

        // The contracts are resolved before the head is sent: a type the app's JSON options do not know is a 500, not an empty stream.
        Action<SseFrameWriter, T> writeItem = _createWriter(httpContext.RequestServices, EventType);
        return SseResponse.StreamAsync(httpContext, Items, writeItem, Options, httpContext.RequestAborted);
    }

    /// <inheritdoc />
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, DataType(), ["text/event-stream"]));
    }

    // What one event's data is: an SseItem is described by its data, as generated endpoints describe theirs.
    private static Type DataType() =>
        SseItemWriters.IsSseItem(typeof(T)) ? typeof(T).GetGenericArguments()[0] : typeof(T);
}
