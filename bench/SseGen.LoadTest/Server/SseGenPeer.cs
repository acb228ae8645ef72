using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SseGen.LoadTest.Server;

/// <summary>
/// The SseGen peer, calling <see cref="SseResponse.StreamAsync{T}"/> exactly as the generated code of an
/// <c>[SseEndpoint]</c> method will. When the generator lands, replace this file with the attributed methods.
/// </summary>
internal static class SseGenPeer
{
    private static readonly SseStreamOptions IdleOptions = new() { HeartbeatInterval = TimeSpan.FromSeconds(1) };

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(PeerRoutes.Ticks(PeerRoutes.SseGen), (HttpContext context, int count) =>
            SseResponse.StreamAsync(
                context,
                TickSource.Ticks(count),
                static (writer, tick) => writer.WriteJsonEvent(tick, LoadTestJsonContext.Default.Tick, "tick"),
                options: null,
                context.RequestAborted));

        app.MapGet(PeerRoutes.IdlePath(PeerRoutes.SseGen), (HttpContext context) =>
            SseResponse.StreamAsync(
                context,
                TickSource.Silence<Tick>(),
                static (writer, tick) => writer.WriteJsonEvent(tick, LoadTestJsonContext.Default.Tick, "tick"),
                IdleOptions,
                context.RequestAborted));
    }
}
