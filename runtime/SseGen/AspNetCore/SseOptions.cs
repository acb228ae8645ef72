namespace SseGen;

/// <summary>
/// Application-wide defaults for event streams; configure with <c>services.Configure&lt;SseOptions&gt;(...)</c>.
/// Per-endpoint values in <see cref="SseStreamOptions"/> win over these.
/// </summary>
public sealed class SseOptions
{
    /// <summary>The defaults used when the application configures none.</summary>
    internal static SseOptions Default { get; } = new();

    /// <summary>
    /// How long a stream may stay silent before a comment frame keeps proxies and clients from timing it out;
    /// <see cref="TimeSpan.Zero"/> turns heartbeats off. Default: 15 seconds.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long one flush may wait for a client that does not read before the stream is ended and aborted (the connection on HTTP/1.1, only that stream on HTTP/2),
    /// so a stalled client cannot hold a connection and its buffers forever; <see cref="TimeSpan.Zero"/> waits forever. Default: 30 seconds.
    /// </summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
