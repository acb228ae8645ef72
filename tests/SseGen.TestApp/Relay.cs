using System.Runtime.CompilerServices;
using SseGen.Client;

namespace SseGen.TestApp;

/// <summary>A raw relay: an upstream event stream passed on byte for byte, read with <see cref="SseClient.StreamRawAsync"/>.</summary>
public static class Relay
{
    // One connection pool for every relayed stream, as an app's IHttpClientFactory would give.
    private static readonly HttpClient Upstreams = new();

    /// <summary>
    /// The stream at <paramref name="upstream"/> (a test's own server on loopback), its events written as they came:
    /// fields, ids, retry and line ends, and its comments too when <paramref name="comments"/> is set. No heartbeats of its
    /// own, so the body is the upstream's bytes alone.
    /// </summary>
    [SseEndpoint("/relay/raw", HeartbeatSeconds = 0)]
    public static async IAsyncEnumerable<SseFrame> Raw(string upstream, bool comments, [EnumeratorCancellation] CancellationToken ct)
    {
        var client = new SseClient(Upstreams, new SseClientOptions { ReconnectDelay = TimeSpan.FromMilliseconds(10), MaxFailedAttempts = 3 });
        await foreach (SseRawEvent item in client.StreamRawAsync(new SseClientRequest(new Uri(upstream)), comments, ct))
        {
            yield return SseFrame.FromUtf8(item.Utf8.Span);
        }
    }
}
