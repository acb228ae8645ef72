using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace SseGen;

/// <summary>Writes an event stream to an ASP.NET Core response: chunked on HTTP/1.1, one flush per event or burst of ready events.</summary>
public static class SseResponse
{
    /// <summary>How many bytes of events that were ready at once may wait for one flush.</summary>
    public const int CoalesceLimitBytes = 16 * 1024;

    private const string LoggerCategory = "SseGen";

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
        response.Headers.CacheControl = "no-cache";

        // nginx buffers proxied responses unless told not to; compression middleware would hold events back.
        response.Headers["X-Accel-Buffering"] = "no";
        response.Headers.ContentEncoding = "identity";
        if (string.Equals(response.Headers.Connection, "close", StringComparison.OrdinalIgnoreCase))
        {
            response.Headers.Remove("Connection");
        }

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
    /// A client disconnect ends the enumerator and is logged at Debug. An exception from the items after the response
    /// started is logged once as an error and the body is ended cleanly, without exception detail, so the client reconnects.
    /// </remarks>
    public static async Task StreamAsync<T>(
        HttpContext context,
        IAsyncEnumerable<T> items,
        Action<SseFrameWriter, T> writeItem,
        SseStreamOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(writeItem);
        options ??= SseStreamOptions.Default;
        SseOptions defaults = context.RequestServices?.GetService<IOptions<SseOptions>>()?.Value ?? SseOptions.Default;
        TimeSpan heartbeat = options.HeartbeatInterval ?? defaults.HeartbeatInterval;

        Start(context.Response);
        PipeWriter body = context.Response.BodyWriter;
        var frames = new SseFrameWriter(body);
        if (options.RetryMilliseconds is { } retry)
        {
            frames.WriteRetry(retry);
        }

        // Host shutdown ends streams at once, cleanly, instead of leaving them to the shutdown timeout.
        CancellationToken stopping = context.RequestServices?.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? default;
        using var streamCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.RequestAborted, stopping);
        CancellationToken streamToken = streamCancellation.Token;

        SseMetrics metrics = SseMetrics.For(context.RequestServices?.GetService<IMeterFactory>());
        TagList tags = SseMetrics.TagsFor(context, options);
        var state = new SseStreamState(context, body, frames, metrics, tags, ToTimestampTicks(heartbeat), ToTimestampTicks(defaults.SendTimeout));
        long eventCount = 0;
        long startedAt = Stopwatch.GetTimestamp();
        metrics.ActiveStreams.Add(1, in tags);
        SseStreamMonitor.Shared.Register(state);
        ILogger logger = GetLogger(context);
        Log.StreamStarted(logger, EndpointName(context, options));
        try
        {
            await using IAsyncEnumerator<T> enumerator = items.GetAsyncEnumerator(streamToken);
            ValueTask<bool> next = enumerator.MoveNextAsync();
            if (!next.IsCompleted)
            {
                // The first item is not ready: send the head now, so the client sees the stream open while it waits.
                // (A first item that fails at once still gets the exception pipeline's 500: nothing was sent yet.)
                // Not cancellable: a cancelled wait would leave the pending item unobserved, and the enumerator cannot
                // be disposed while it runs; only a heartbeat's short flush can hold the gate.
                await state.Gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                try
                {
                    await FlushWhilePendingAsync(state, next, streamToken).ConfigureAwait(false);
                }
                finally
                {
                    state.Gate.Release();
                }
            }

            bool hasItem = await next.ConfigureAwait(false);
            while (hasItem)
            {
                bool nextIsReady;
                await state.Gate.WaitAsync(streamToken).ConfigureAwait(false);
                try
                {
                    // Items that are ready at once are one burst: written under one hold of the gate, flushed once
                    // (or every CoalesceLimitBytes), so a heartbeat can only come between bursts.
                    while (true)
                    {
                        long before = frames.BytesWritten;
                        writeItem(frames, enumerator.Current);
                        eventCount++;
                        metrics.Events.Add(1, in tags);
                        metrics.Bytes.Add(frames.BytesWritten - before, in tags);
                        if (state.UnflushedBytes >= CoalesceLimitBytes)
                        {
                            await state.FlushAsync(streamToken).ConfigureAwait(false);
                        }

                        next = enumerator.MoveNextAsync();
                        nextIsReady = next.IsCompleted;
                        if (!nextIsReady || !(hasItem = next.GetAwaiter().GetResult()))
                        {
                            break;
                        }
                    }

                    if (!nextIsReady && state.UnflushedBytes > 0)
                    {
                        // The next item is not ready: send the burst now, while the items produce the next one.
                        await FlushWhilePendingAsync(state, next, streamToken).ConfigureAwait(false);
                    }
                }
                finally
                {
                    state.Gate.Release();
                }

                if (!nextIsReady)
                {
                    hasItem = await next.ConfigureAwait(false);
                }
            }

            await state.Gate.WaitAsync(streamToken).ConfigureAwait(false);
            try
            {
                await state.FlushAsync(streamToken).ConfigureAwait(false);
            }
            finally
            {
                state.Gate.Release();
            }

            Log.StreamEnded(logger, EndpointName(context, options), eventCount, Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (state.TimedOut)
        {
            metrics.Timeouts.Add(1, in tags);
            Log.SendTimedOut(logger, EndpointName(context, options), eventCount);
        }
        catch (Exception exception) when (context.RequestAborted.IsCancellationRequested && exception is OperationCanceledException or IOException or ConnectionResetException)
        {
            metrics.Disconnects.Add(1, in tags);
            Log.ClientDisconnected(logger, EndpointName(context, options), eventCount);
        }
        catch (OperationCanceledException) when (streamToken.IsCancellationRequested)
        {
            Log.StreamCancelled(logger, EndpointName(context, options), eventCount);
        }
        catch (Exception exception) when ((eventCount > 0 || context.Response.HasStarted) && !context.RequestAborted.IsCancellationRequested && IsNotFatal(exception))
        {
            // Events are written (or the head is out), so answering 500 now would lose them or is no longer possible:
            // end the body cleanly (the server writes the last chunk) and say nothing of the failure on the wire.
            // Before that, the exception goes on to the exception pipeline, which answers 500.
            metrics.Failures.Add(1, in tags);
            Log.StreamFailed(logger, exception, EndpointName(context, options), eventCount);
        }
        finally
        {
            SseStreamMonitor.Shared.Unregister(state);
            metrics.ActiveStreams.Add(-1, in tags);
        }
    }

    /// <summary>Flushes while <paramref name="next"/> is pending; call while holding the gate.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask FlushWhilePendingAsync(SseStreamState state, ValueTask<bool> next, CancellationToken cancellationToken)
    {
        try
        {
            await state.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The enumerator is still running; it cannot be disposed until its pending MoveNextAsync is observed.
            try
            {
                await next.ConfigureAwait(false);
            }
            catch
            {
            }

            throw;
        }
    }

    private static long ToTimestampTicks(TimeSpan interval) =>
        interval <= TimeSpan.Zero ? 0 : (long)(interval.TotalSeconds * Stopwatch.Frequency);

    private static string EndpointName(HttpContext context, SseStreamOptions options) => options.EndpointName ?? context.Request.Path;

    private static bool IsNotFatal(Exception exception) => exception is not (OutOfMemoryException or StackOverflowException);

    private static ILogger GetLogger(HttpContext context) =>
        context.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger(LoggerCategory) ?? NullLogger.Instance;
}
