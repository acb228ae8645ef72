using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SseGen.LoadTest.Server;

/// <summary>
/// Not a peer but the floor under the idle scenario: an event-stream response whose head is sent and which then only awaits
/// the client's abort. What an idle connection costs here, Kestrel costs; no SSE library can go below it.
/// </summary>
internal static class KestrelFloorPeer
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(PeerRoutes.IdlePath(PeerRoutes.KestrelFloor), async (HttpContext context) =>
        {
            context.Response.ContentType = "text/event-stream";
            // A flush sends the head; StartAsync alone would leave it, and the block it sits in, in the output pipe.
            await context.Response.Body.FlushAsync(context.RequestAborted);
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client left: the only way this response ends.
            }
        });
}
