using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SseGen.FanOut.Server;

/// <summary>
/// The floor under the idle scale run: an event-stream response whose head is sent and which then only awaits the
/// client's abort. What such a stream costs, Kestrel costs; SseGen's own share is what it holds above this.
/// </summary>
internal sealed class KestrelFloorPeer
{
    private int _open;

    public int Subscribers => Volatile.Read(ref _open);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Peers.IdlePath(Peers.KestrelFloor), async (HttpContext context, KestrelFloorPeer peer) =>
        {
            context.Response.ContentType = "text/event-stream";
            Interlocked.Increment(ref peer._open);
            try
            {
                // A flush sends the head; StartAsync alone would leave it, and the block it sits in, in the output pipe.
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client left: the only way this response ends.
            }
            finally
            {
                Interlocked.Decrement(ref peer._open);
            }
        });
}
