using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace SseGen;

/// <summary>Writes an event stream to an ASP.NET Core response: chunked on HTTP/1.1, one flush per event or burst of ready events.</summary>
public static class SseResponse
{
    /// <summary>How many bytes of events that were ready at once may wait for one flush.</summary>
    public const int CoalesceLimitBytes = 16 * 1024;

    private const string LoggerCategory = "SseGen";

    // The host's own default (HostOptions.ShutdownTimeout), for an app without a generic host.
    private static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(30);

    // Endpoints already warned that they served HTTP/1.0 (see WarnOnceIfHttp10).
    private static readonly ConditionalWeakTable<object, object> Http10Warned = new();

    // Writes a frame encoded elsewhere (a topic's) as it is.
    private static readonly Action<SseFrameWriter, SseFrame> WriteEncodedFrame = static (writer, frame) => writer.WriteFrame(frame);

    /// <summary>
    /// Sets the event-stream response headers and turns response buffering off.
    /// Leaves no <c>Content-Length</c> and no <c>Connection: close</c>, so the server frames the body in chunks.
    /// </summary>
    /// <param name="response">The response, not started yet.</param>
    /// <exception cref="InvalidOperationException">The response has already started.</exception>
    public static void Start(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.HasStarted)
        {
            throw new InvalidOperationException("The response has already started; an event stream must set its own headers.");
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.ContentLength = null;
        // no-transform: a CDN or proxy may otherwise compress or rewrite the body, and hold events back to do it.
        response.Headers.CacheControl = "no-cache, no-transform";

        // nginx buffers proxied responses unless told not to; compression middleware would hold events back.
        response.Headers["X-Accel-Buffering"] = "no";
        response.Headers.ContentEncoding = "identity";
        RemoveConnectionClose(response.Headers);

        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    /// <summary>
    /// Starts the response and writes every item of <paramref name="items"/> with <paramref name="writeItem"/>.
    /// Flushes once per event, or once per burst of events that were ready without waiting (up to <see cref="CoalesceLimitBytes"/>).
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="context">The request's context.</param>
    /// <param name="items">The events; enumerated with <paramref name="cancellationToken"/>.</param>
    /// <param name="writeItem">Writes one item as one event.</param>
    /// <param name="options">The endpoint's settings; <see langword="null"/> for <see cref="SseStreamOptions.Default"/>.</param>
    /// <param name="cancellationToken">Ends the stream; pass one that is cancelled when the client disconnects.</param>
    /// <returns>A task that completes when the stream has ended: the items ran out, the client left, or the items failed.</returns>
    /// <remarks>
    /// A client disconnect ends the enumerator and is logged at Debug. Host shutdown ends the enumerator too, then delivers
    /// what was written and ends the body with its terminator; only a client that takes longer than the host's shutdown
    /// timeout is aborted. An <see cref="SseTopicNameException"/> from the items before anything was written is answered
    /// with 400 validation problem details. An exception from the items after the response started is logged once as an error and the body
    /// is ended cleanly, without exception detail, so the client reconnects.
    /// </remarks>
    public static Task StreamAsync<T>(
        HttpContext context,
        IAsyncEnumerable<T> items,
        Action<SseFrameWriter, T> writeItem,
        SseStreamOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(writeItem);
        if (items is IEncodedEvents encoded)
        {
            // A topic's subscription behind a contract's item type: its frames were encoded once, when published.
            return StreamAsync(context, encoded.Frames, WriteEncodedFrame, options, cancellationToken);
        }

        SseStreamLoop<T> loop;
        try
        {
            loop = Open(context, items, writeItem, options ?? SseStreamOptions.Default, cancellationToken);
        }
        catch (Exception exception)
        {
            return Task.FromException(exception);
        }

        return RunAsync(loop);
    }

    /// <summary>Starts the response and registers the stream: everything of it that comes before its items are pulled.</summary>
    private static SseStreamLoop<T> Open<T>(HttpContext context, IAsyncEnumerable<T> items, Action<SseFrameWriter, T> writeItem, SseStreamOptions options, CancellationToken cancellationToken)
    {
        SseOptions defaults = context.RequestServices?.GetService<IOptions<SseOptions>>()?.Value ?? SseOptions.Default;
        TimeSpan heartbeat = options.HeartbeatInterval ?? defaults.HeartbeatInterval;
        CancellationToken stopping = context.RequestServices?.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? default;
        SseMetrics metrics = SseMetrics.For(context.RequestServices?.GetService<IMeterFactory>());
        ILogger logger = GetLogger(context);
        TimeSpan shutdownTimeout = ShutdownTimeout(context);

        Start(context.Response);

        // Host shutdown, the caller and a disconnect end the items; only the connection's own token cancels a flush.
        // A topic's subscription on the connection's token needs no source of its own: the stream stops its enumerator
        // (IStoppable) when the host stops and when the connection is aborted. Other items get a source that all three cancel.
        SseStreamLoop<T>.ItemsCancellation? itemsCancellation = null;
        CancellationToken itemsToken = context.RequestAborted;
        var abortable = items as IAbortableItems;
        if (abortable is not null)
        {
            abortable.Connection = context;
        }

        if (abortable is null || (cancellationToken != context.RequestAborted && cancellationToken.CanBeCanceled))
        {
            itemsCancellation = new SseStreamLoop<T>.ItemsCancellation();
            itemsToken = itemsCancellation.Token;
        }

        long heartbeatTicks = ToTimestampTicks(heartbeat);
        long heartbeatPhase = heartbeatTicks > 0 ? Random.Shared.NextInt64(heartbeatTicks) : 0;
        var loop = new SseStreamLoop<T>(
            context, items, options, logger, context.Response.BodyWriter, writeItem, metrics, SseMetrics.TagsFor(context, options),
            heartbeatTicks, ToTimestampTicks(defaults.SendTimeout), heartbeatPhase, itemsCancellation, itemsToken);
        loop.Register(cancellationToken);
        loop.WatchStopping(stopping, shutdownTimeout);
        metrics.ActiveStreams.Add(1, in loop.Tags);
        SseStreamMonitor.Shared.Register(loop);
        Log.StreamStarted(logger, loop.EndpointName);
        WarnOnceIfHttp10(context, options, logger);
        return loop;
    }

    /// <summary>
    /// Pulls the items and writes them until they end, then ends the body; answers every way a stream can end. It keeps
    /// the loop and the step it is on, nothing more: its box is what a waiting stream holds of it.
    /// </summary>
    private static async Task RunAsync<T>(SseStreamLoop<T> loop)
    {
        try
        {
            // The loop's steps, awaited here: one suspended state machine per waiting stream (see SseStreamLoop.Enumerate).
            try
            {
                await using IAsyncEnumerator<T> enumerator = loop.Enumerate();
                ValueTask<bool> next = enumerator.MoveNextAsync();
                if (!next.IsCompleted)
                {
                    await loop.SendHeadAsync(next).ConfigureAwait(false);
                }

                while (await next.ConfigureAwait(false))
                {
                    next = await loop.WriteBurstAsync(enumerator).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (loop.EndedByItsToken)
            {
                // The items ended on their token (host stopping, or the caller): what was written is still delivered.
            }

            bool cancelled = loop.Cancelled;

            // Only items that ran out say the stream is complete: a stopped or cancelled stream may be resumed, so no sentinel.
            await loop.EndAsync(cancelled ? null : loop.Options.EndSentinel).ConfigureAwait(false);
            if (cancelled)
            {
                Log.StreamCancelled(loop.Logger, loop.EndpointName, loop.EventCount);
            }
            else
            {
                Log.StreamEnded(loop.Logger, loop.EndpointName, loop.EventCount, Stopwatch.GetElapsedTime(loop.StartedAt).TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (loop.TimedOut)
        {
            loop.Metrics.Timeouts.Add(1, in loop.Tags);
            Log.SendTimedOut(loop.Logger, loop.EndpointName, loop.EventCount);
        }
        catch (Exception exception) when (IsTransportGone(loop.Context, exception) && loop.ShutdownTimedOut)
        {
            Log.ShutdownTimedOut(loop.Logger, loop.EndpointName, loop.EventCount);
        }
        catch (Exception exception) when (IsTransportGone(loop.Context, exception))
        {
            loop.Metrics.Disconnects.Add(1, in loop.Tags);
            Log.ClientDisconnected(loop.Logger, loop.EndpointName, loop.EventCount);
        }
        catch (SseTopicNameException exception) when (loop.Frames.BytesWritten == 0 && !loop.Context.Response.HasStarted)
        {
            // The items rejected a topic name from the request before anything of the stream was written (an async
            // iterator builds it before its first item): a bad request, answered as binding answers one.
            Log.TopicNameRejected(loop.Logger, loop.EndpointName, exception.Reason);
            loop.Context.Response.Clear();
            await SseEndpointBinding.WriteTopicNameProblemAsync(loop.Context, exception).ConfigureAwait(false);
        }
        catch (Exception exception) when ((loop.EventCount > 0 || loop.Context.Response.HasStarted) && !loop.Context.RequestAborted.IsCancellationRequested && IsNotFatal(exception))
        {
            // Events are written (or the head is out), so answering 500 now would lose them or is no longer possible:
            // end the body cleanly (the server writes the last chunk) and say nothing of the failure on the wire.
            // Before that, the exception goes on to the exception pipeline, which answers 500.
            loop.Metrics.Failures.Add(1, in loop.Tags);
            Log.StreamFailed(loop.Logger, exception, loop.EndpointName, loop.EventCount);
        }
        finally
        {
            SseStreamMonitor.Shared.Unregister(loop);
            loop.Metrics.ActiveStreams.Add(-1, in loop.Tags);
            loop.Unregister();
        }
    }

    /// <summary>
    /// Drops the <c>close</c> token however the app wrote it (<c>close</c>, <c>keep-alive, close</c>, several values) and
    /// keeps every other token, so Kestrel keeps framing by chunks and keeps the connection for the reconnect.
    /// </summary>
    private static void RemoveConnectionClose(IHeaderDictionary headers)
    {
        StringValues connection = headers.Connection;
        if (connection.Count == 0)
        {
            return;
        }

        List<string>? kept = null;
        bool hadClose = false;
        foreach (string? value in connection)
        {
            foreach (string token in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (token.Equals("close", StringComparison.OrdinalIgnoreCase))
                {
                    hadClose = true;
                }
                else
                {
                    (kept ??= []).Add(token);
                }
            }
        }

        if (!hadClose)
        {
            return;
        }

        if (kept is null)
        {
            headers.Remove("Connection");
        }
        else
        {
            headers.Connection = string.Join(", ", kept);
        }
    }

    /// <summary>
    /// Kestrel cannot chunk an HTTP/1.0 response, so it ends the body by closing the connection: the framing SseGen exists
    /// to avoid. The stream still works for the client in front of it; the fix is in that client or proxy, so say it once.
    /// </summary>
    private static void WarnOnceIfHttp10(HttpContext context, SseStreamOptions options, ILogger logger)
    {
        if (!HttpProtocol.IsHttp10(context.Request.Protocol) || !logger.IsEnabled(LogLevel.Warning))
        {
            return;
        }

        // Keyed by the endpoint object, so "once" is per endpoint of each app and nothing outlives the app.
        object key = (object?)context.GetEndpoint() ?? options;
        if (Http10Warned.TryAdd(key, Http10Warned))
        {
            Log.Http10Client(logger, options.EndpointName ?? context.Request.Path);
        }
    }

    /// <summary>How long a stopping stream may take to deliver what it wrote: as long as the host waits for it.</summary>
    private static TimeSpan ShutdownTimeout(HttpContext context) =>
        context.RequestServices?.GetService<IOptions<HostOptions>>()?.Value.ShutdownTimeout ?? DefaultShutdownTimeout;

    // Kestrel signals RequestAborted on the thread pool, so a flush can see the abort before the token does.
    private static bool IsTransportGone(HttpContext context, Exception exception) =>
        exception is ConnectionAbortedException
        || (context.RequestAborted.IsCancellationRequested && exception is OperationCanceledException or IOException or ConnectionResetException);

    private static long ToTimestampTicks(TimeSpan interval) =>
        interval <= TimeSpan.Zero ? 0 : (long)(interval.TotalSeconds * Stopwatch.Frequency);

    private static bool IsNotFatal(Exception exception) => exception is not (OutOfMemoryException or StackOverflowException);

    private static ILogger GetLogger(HttpContext context) =>
        context.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger(LoggerCategory) ?? NullLogger.Instance;
}
