using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SseGen.IntegrationTests.Http2;

/// <summary>A resumable endpoint at <c>/ticker</c>: the in-memory replay store's <c>ticker</c> stream after the client's <c>Last-Event-ID</c>.</summary>
internal sealed class ResumableTicker
{
    public const string Stream = "ticker";

    /// <summary>The connection of each request to <c>/ticker</c>, in order.</summary>
    public ConcurrentQueue<string> ConnectionIds { get; } = new();

    public static Task<TransportTestApp> StartAsync(HttpTransport transport) => TransportTestApp.StartAsync(
        transport,
        configure: builder => builder.Services.AddSseReplayStore().AddSingleton<ResumableTicker>(),
        map: web => web.MapGet("/ticker", (HttpContext context, ISseReplayStore store, ResumableTicker ticker) =>
        {
            ticker.ConnectionIds.Enqueue(context.Connection.Id);
            return SseResponse.StreamAsync(context, store.ReadAsync(Stream, context.Request.Headers["Last-Event-ID"], context.RequestAborted), static (w, item) => w.WriteItem(item), cancellationToken: context.RequestAborted);
        }));
}
