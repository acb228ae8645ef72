namespace SseGen.LoadTest.Server;

/// <summary>
/// The SseGen peer: two <see cref="SseEndpointAttribute"/> methods, mapped by the generated <c>MapSseEndpoints()</c>,
/// so the load runs through exactly the code the generator writes for users.
/// </summary>
internal static class SseGenPeer
{
    /// <summary>A stream of <paramref name="count"/> ticks, all ready at once.</summary>
    [SseEndpoint("/ticks/" + PeerRoutes.SseGen, EventType = "tick")]
    public static IAsyncEnumerable<Tick> Ticks(int count) => TickSource.Ticks(count);

    /// <summary>A stream with no events, kept alive by a heartbeat every second.</summary>
    [SseEndpoint("/idle/" + PeerRoutes.SseGen, EventType = "tick", HeartbeatSeconds = 1)]
    public static IAsyncEnumerable<Tick> Idle() => TickSource.Silence<Tick>();
}
