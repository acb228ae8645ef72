namespace SseGen;

/// <summary>Per-endpoint settings of an event stream written by <see cref="SseResponse"/>.</summary>
public sealed class SseStreamOptions
{
    /// <summary>The default settings: no name, no <c>retry:</c> field.</summary>
    public static SseStreamOptions Default { get; } = new();

    /// <summary>The endpoint's name, used in logs.</summary>
    public string? EndpointName { get; init; }

    /// <summary>
    /// The reconnection time in milliseconds, sent in a <c>retry:</c> field when the stream starts; <see langword="null"/>
    /// sends none. Any value from 0 to <see cref="long.MaxValue"/> is sent exactly; a negative one is rejected.
    /// </summary>
    public long? RetryMilliseconds { get; init; }

    /// <summary>
    /// How long the stream may stay silent before a comment frame keeps it alive; <see langword="null"/> uses the
    /// application's default, <see cref="TimeSpan.Zero"/> turns heartbeats off.
    /// </summary>
    public TimeSpan? HeartbeatInterval { get; init; }

    /// <summary>
    /// Data written as one last <c>message</c> event (<c>data: {EndSentinel}</c>) when the items end normally, never when
    /// the client leaves, the host stops or the items fail; <see langword="null"/> writes none.
    /// </summary>
    /// <exception cref="ArgumentException">The value is empty or contains CR or LF: it must be one <c>data:</c> line.</exception>
    public string? EndSentinel
    {
        get => _endSentinel;
        init
        {
            if (value is not null && (value.Length == 0 || value.AsSpan().IndexOfAny('\r', '\n') >= 0))
            {
                throw new ArgumentException("An end sentinel must be one non-empty data line, without CR or LF.", nameof(value));
            }

            _endSentinel = value;
        }
    }

    private readonly string? _endSentinel;
}
