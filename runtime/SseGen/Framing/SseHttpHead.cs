namespace SseGen;

/// <summary>The HTTP/1.1 response head of an event stream, for code that writes responses on raw streams.</summary>
public static class SseHttpHead
{
    private static readonly byte[] HeadBytes = Utf8.ToArray();

    /// <summary>
    /// <c>200 OK</c> with <c>Content-Type: text/event-stream</c>, <c>Cache-Control: no-cache, no-transform</c>,
    /// <c>Transfer-Encoding: chunked</c> and <c>X-Accel-Buffering: no</c>, and neither <c>Connection: close</c>
    /// nor <c>Content-Length</c>: the body must be framed by chunks, never by closing the connection.
    /// </summary>
    public static ReadOnlySpan<byte> Utf8 =>
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache, no-transform\r\nTransfer-Encoding: chunked\r\nX-Accel-Buffering: no\r\n\r\n"u8;

    /// <summary>Writes <see cref="Utf8"/> to <paramref name="stream"/>; follow it with a <see cref="ChunkedBodyWriter"/>.</summary>
    /// <param name="stream">The connection's stream.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static async ValueTask WriteAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await stream.WriteAsync(HeadBytes, cancellationToken).ConfigureAwait(false);
    }
}
