namespace SseGen.Client;

/// <summary>The stream an <see cref="SseClient"/> reads: its URI, where to resume from, and any headers of its own.</summary>
/// <param name="Uri">The stream's URI; relative to the <see cref="HttpClient"/>'s base address when relative.</param>
public sealed record SseClientRequest(Uri Uri)
{
    /// <summary>Creates a request for <paramref name="uri"/>, relative or absolute.</summary>
    /// <param name="uri">The stream's URI.</param>
    public SseClientRequest(string uri)
        : this(new Uri(uri, UriKind.RelativeOrAbsolute))
    {
    }

    /// <summary>The id to resume after on the first connection (sent as <c>Last-Event-ID</c>); later ones use the last id received.</summary>
    public string? LastEventId { get; init; }

    /// <summary>Adds headers to every attempt's request, for example one the server needs on this stream only.</summary>
    public Action<HttpRequestMessage>? ConfigureRequest { get; init; }

    /// <summary>
    /// The data of the <c>message</c> event that ends the stream for good, as <c>[DONE]</c> ends OpenAI's: the enumeration
    /// completes on it without reconnecting, and it is never read as an item. <see langword="null"/> for none.
    /// </summary>
    public string? EndSentinel { get; init; }
}
