using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace SseGen.LoadTest.Server;

/// <summary>The hand-written peer: <see cref="SseFormatter.WriteAsync{T}(IAsyncEnumerable{SseItem{T}}, Stream, Action{SseItem{T}, System.Buffers.IBufferWriter{byte}}, CancellationToken)"/> on the response body, one reused <see cref="Utf8JsonWriter"/>.</summary>
internal static class SseFormatterPeer
{
    private static readonly byte[] HeartbeatFrame = ":\n\n"u8.ToArray();

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(PeerRoutes.Ticks(PeerRoutes.SseFormatter), (HttpContext context, int count) =>
            WriteTicksAsync(context, count));
        app.MapGet(PeerRoutes.IdlePath(PeerRoutes.SseFormatter), WriteHeartbeatsAsync);
    }

    private static async Task WriteTicksAsync(HttpContext context, int count)
    {
        StartEventStream(context.Response);
        Utf8JsonWriter? json = null;
        try
        {
            await SseFormatter.WriteAsync(
                TickSource.TickItems(count),
                context.Response.Body,
                (item, buffer) =>
                {
                    // SseFormatter hands over a buffer per item; the writer is created once and pointed at it.
                    if (json is null)
                    {
                        json = new Utf8JsonWriter(buffer);
                    }
                    else
                    {
                        json.Reset(buffer);
                    }

                    JsonSerializer.Serialize(json, item.Data, LoadTestJsonContext.Default.Tick);
                    json.Flush();
                },
                context.RequestAborted);
        }
        finally
        {
            json?.Dispose();
        }
    }

    private static async Task WriteHeartbeatsAsync(HttpContext context)
    {
        // SseFormatter cannot write comments and the stream has no events, so a timer per connection does it.
        StartEventStream(context.Response);
        Stream body = context.Response.Body;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            await body.FlushAsync(context.RequestAborted);
            while (await timer.WaitForNextTickAsync(context.RequestAborted))
            {
                await body.WriteAsync(HeartbeatFrame, context.RequestAborted);
                await body.FlushAsync(context.RequestAborted);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            // The client left: the usual end of an idle stream.
        }
    }

    private static void StartEventStream(HttpResponse response)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }
}
