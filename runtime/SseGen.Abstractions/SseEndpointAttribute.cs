namespace SseGen;

/// <summary>
/// Marks a method returning <see cref="IAsyncEnumerable{T}"/> as a Server-Sent Events endpoint.
/// The SseGen source generator maps it with <c>app.MapSseEndpoints()</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SseEndpointAttribute : Attribute
{
    /// <summary>Creates the attribute for the route <paramref name="pattern"/>.</summary>
    /// <param name="pattern">The route pattern, as for <c>MapGet</c> (for example <c>"/chat/{room}"</c>).</param>
    public SseEndpointAttribute(string pattern) => Pattern = pattern;

    /// <summary>The route pattern of the endpoint.</summary>
    public string Pattern { get; }

    /// <summary>
    /// The event type written for items that carry none of their own;
    /// <see langword="null"/> sends them as the default <c>message</c> event.
    /// </summary>
    public string? EventType { get; set; }

    /// <summary>
    /// Seconds without an event after which a comment frame keeps the connection alive;
    /// <c>-1</c> (the default) uses the application's default, <c>0</c> turns heartbeats off.
    /// </summary>
    public int HeartbeatSeconds { get; set; } = -1;

    /// <summary>
    /// The reconnection time, in milliseconds, sent to the client with a <c>retry:</c> field when the stream starts;
    /// <c>-1</c> (the default) sends none.
    /// </summary>
    public int RetryMilliseconds { get; set; } = -1;

    /// <summary>
    /// Data written as one last <c>message</c> event when the items end normally (not when the client leaves, the host
    /// stops or the items fail), as OpenAI's streams end with <c>data: [DONE]</c>; generated clients end their stream
    /// on it. <see langword="null"/> (the default) writes none; it must not be empty or contain CR or LF.
    /// </summary>
    public string? EndSentinel { get; set; }
}
