using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SseGen.LoadTest.Server;

/// <summary>The ASP.NET Core 10 peer: <c>TypedResults.ServerSentEvents</c>, JSON from the app's source-generated options.</summary>
internal static class TypedResultsPeer
{
    public static void Map(IEndpointRouteBuilder app)
    {
        // The request's token goes to the source itself: ServerSentEventsResult enumerates its wrapper of the items
        // without passing the token on, so a source waiting for its next item would outlive the client.
        app.MapGet(PeerRoutes.Ticks(PeerRoutes.TypedResults), (int count, CancellationToken requestAborted) =>
            TypedResults.ServerSentEvents(TickSource.Ticks(count, requestAborted), eventType: "tick"));

        // TypedResults has no way to write a comment frame, so its idle streams carry no heartbeat.
        app.MapGet(PeerRoutes.IdlePath(PeerRoutes.TypedResults), (CancellationToken requestAborted) =>
            TypedResults.ServerSentEvents(TickSource.Silence<Tick>(requestAborted), eventType: "tick"));
    }
}
