using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SseGen;

/// <summary>
/// One stream's items written as events: pulled until they end or their token is cancelled, written in bursts under the
/// gate, then the body ended with its terminator. The items' token never cancels a flush: Kestrel aborts the connection
/// when a flush is cancelled, which would cut the event on the wire. Only the connection's own token does.
/// </summary>
/// <remarks>
/// <para>
/// The endpoint's <c>retry:</c> is written with the first event, the head or the end, not before the first item is asked
/// for: items that fail at once (a topic name from the request that breaks the rule) leave nothing written, so the
/// response can still answer with a status of its own.
/// </para>
/// <para>
/// The loop also holds what <see cref="SseResponse"/> needs while the stream runs (the request, its options, logger and
/// registrations), so the async method that drives it keeps little more than the loop: that method's box is what a
/// waiting stream holds of it. Host shutdown ends the items through <see cref="Stop"/>: by cancelling the items' own
/// source, or, for items that stop without one (a topic's subscription, whose token is then the connection's), by
/// stopping their enumerator.
/// </para>
/// </remarks>
internal sealed class SseStreamLoop<T> : IStoppable
{
    // Cancels the items' source; one delegate for every stream's registrations.
    private static readonly Action<object?> CancelItems = static source => ((CancellationTokenSource)source!).Cancel();

    private readonly SseStreamState _state;
    private readonly SseFrameWriter _frames;
    private readonly Action<SseFrameWriter, T> _writeItem;
    private readonly CancellationToken _itemsToken;
    private readonly CancellationToken _flushToken;
    private readonly CancellationTokenSource? _itemsCancellation;
    private CancellationTokenRegistration _onAborted;
    private CancellationTokenRegistration _onCancelled;
    private CancellationTokenRegistration _onStopping;
    private IAsyncEnumerable<T>? _items;
    private IAsyncEnumerator<T>? _enumerator;
    private long? _retryMilliseconds;
    private int _stopped;

    // itemsCancellation: the items' own source, cancelled by Stop; null when their enumerator stops itself (IStoppable).
    public SseStreamLoop(
        HttpContext context,
        IAsyncEnumerable<T> items,
        SseStreamOptions options,
        ILogger logger,
        SseStreamState state,
        SseFrameWriter frames,
        Action<SseFrameWriter, T> writeItem,
        SseMetrics metrics,
        CancellationTokenSource? itemsCancellation,
        CancellationToken itemsToken)
    {
        Context = context;
        Options = options;
        Logger = logger;
        Metrics = metrics;
        _items = items;
        _state = state;
        _frames = frames;
        _writeItem = writeItem;
        _retryMilliseconds = options.RetryMilliseconds;
        _itemsCancellation = itemsCancellation;
        _itemsToken = itemsToken;
        _flushToken = context.RequestAborted;
    }

    public HttpContext Context { get; }

    public SseStreamOptions Options { get; }

    public ILogger Logger { get; }

    public SseMetrics Metrics { get; }

    public SseStreamState State => _state;

    public SseFrameWriter Frames => _frames;

    public long StartedAt { get; } = Stopwatch.GetTimestamp();

    public long EventCount { get; private set; }

    /// <summary>The endpoint's name for the logs.</summary>
    public string EndpointName => Options.EndpointName ?? Context.Request.Path;

    /// <summary>Registers what ends the items: the connection, the caller's token and the host stopping.</summary>
    public void Register(CancellationToken cancellationToken, CancellationToken stopping, TimeSpan shutdownTimeout)
    {
        if (_itemsCancellation is { } source)
        {
            // One by one on a plain source rather than linked: the generated endpoints pass RequestAborted as the caller's
            // token, which a linked source would register twice.
            _onAborted = Context.RequestAborted.UnsafeRegister(CancelItems, source);
            _onCancelled = cancellationToken == Context.RequestAborted ? default : cancellationToken.UnsafeRegister(CancelItems, source);
        }

        _onStopping = _state.OnStopping(stopping, this, shutdownTimeout);
    }

    /// <summary>Undoes <see cref="Register"/>; once, after the stream has ended.</summary>
    public void Unregister()
    {
        _onStopping.Dispose();
        _onCancelled.Dispose();
        _onAborted.Dispose();
        _itemsCancellation?.Dispose();
    }

    /// <summary>
    /// The items' enumerator, on their token; once. <see cref="SseResponse"/> drives it with <see cref="SendHeadAsync"/>
    /// and <see cref="WriteBurstAsync"/> in its own async method, and disposes it, rather than awaiting a method of the loop's
    /// that would: a stream waiting for its next item is suspended in one state machine, not two. The loop lets go of the
    /// items, which a waiting stream need not hold.
    /// </summary>
    public IAsyncEnumerator<T> Enumerate()
    {
        IAsyncEnumerable<T> items = _items ?? throw new InvalidOperationException("The items are enumerated once.");
        _items = null;
        IAsyncEnumerator<T> enumerator = items.GetAsyncEnumerator(_itemsToken);
        Volatile.Write(ref _enumerator, enumerator);

        // Stop reads the enumerator after marking the loop stopped: one of the two sees the other (the fence orders this
        // write before the read below).
        Interlocked.MemoryBarrier();
        if (_itemsCancellation is null && Volatile.Read(ref _stopped) == 1)
        {
            ((IStoppable)enumerator).Stop();
        }

        return enumerator;
    }

    /// <summary>Ends the items as the host stops: cancels their source, or stops their enumerator.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        if (_itemsCancellation is { } source)
        {
            source.Cancel();
        }
        else if (Volatile.Read(ref _enumerator) is IStoppable enumerator)
        {
            enumerator.Stop();
        }
    }

    /// <summary>Whether the items were ended on their side: the host stopping, the caller's token, or the connection's.</summary>
    public bool Cancelled => Volatile.Read(ref _stopped) == 1 || _itemsToken.IsCancellationRequested;

    /// <summary>Whether a cancellation from the items is their token ending them (host stopping, or the caller), not the connection's.</summary>
    public bool EndedByItsToken => Cancelled && !_flushToken.IsCancellationRequested;

    /// <summary>Writes <paramref name="endSentinel"/> as a last event when given, flushes what is left and ends the body with the zero-length chunk.</summary>
    public async Task EndAsync(string? endSentinel = null)
    {
        // Never released: nothing may follow the terminator, not even a heartbeat.
        await _state.Gate.WaitAsync(_flushToken).ConfigureAwait(false);
        WriteRetryOnce();
        if (endSentinel is not null)
        {
            // Under the gate, so no heartbeat comes between it and the terminator; one flush sends both.
            _frames.WriteEvent(endSentinel.AsSpan());
        }

        if (!await _state.CompleteAsync(_flushToken).ConfigureAwait(false))
        {
            throw new ConnectionAbortedException("The connection was aborted before the body was ended.");
        }
    }

    /// <summary>The first item is not ready: sends the head now, so the client sees the stream open while it waits.</summary>
    public async Task SendHeadAsync(ValueTask<bool> next)
    {
        // (A first item that fails at once still gets the exception pipeline's 500: nothing was sent yet.)
        // Not cancellable: a cancelled wait would leave the pending item unobserved, and the enumerator cannot
        // be disposed while it runs; only a heartbeat's short flush can hold the gate.
        await _state.Gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            WriteRetryOnce();
            await FlushWhilePendingAsync(next).ConfigureAwait(false);
        }
        finally
        {
            _state.Commit();
            _state.Gate.Release();
        }
    }

    /// <summary>
    /// Writes the current item and every next one that is ready at once, under one hold of the gate, so a heartbeat can
    /// only come between bursts; flushes every <see cref="SseResponse.CoalesceLimitBytes"/>, and once when the next item is not ready.
    /// </summary>
    /// <returns>The next item's pending move, or <see langword="false"/> when no more items are to be pulled.</returns>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ValueTask<bool>> WriteBurstAsync(IAsyncEnumerator<T> enumerator)
    {
        await _state.Gate.WaitAsync(_flushToken).ConfigureAwait(false);
        try
        {
            WriteRetryOnce();
            while (true)
            {
                WriteEvent(enumerator.Current);
                if (_state.UnflushedBytes >= SseResponse.CoalesceLimitBytes)
                {
                    await _state.FlushAsync(_flushToken).ConfigureAwait(false);
                }

                // Checked here too, so items that ignore their token (always ready) still stop being pulled.
                if (Cancelled)
                {
                    return new ValueTask<bool>(false);
                }

                ValueTask<bool> next = enumerator.MoveNextAsync();
                if (!next.IsCompleted)
                {
                    // The next item is not ready: send the burst now, while the items produce the next one.
                    if (_state.UnflushedBytes > 0)
                    {
                        await FlushWhilePendingAsync(next).ConfigureAwait(false);
                    }

                    return next;
                }

                if (!next.GetAwaiter().GetResult())
                {
                    return new ValueTask<bool>(false);
                }
            }
        }
        finally
        {
            // What the burst wrote and did not flush (it ended, or failed) goes to the body before anyone else may write.
            _state.Commit();
            _state.Gate.Release();
        }
    }

    /// <summary>Writes the endpoint's <c>retry:</c> before anything else of the stream; call while holding the gate.</summary>
    private void WriteRetryOnce()
    {
        if (_retryMilliseconds is { } retry)
        {
            _retryMilliseconds = null;
            _frames.WriteRetry(retry);
        }
    }

    private void WriteEvent(T item)
    {
        long before = _frames.BytesWritten;
        _writeItem(_frames, item);
        EventCount++;
        Metrics.Events.Add(1, in _state.Tags);
        Metrics.Bytes.Add(_frames.BytesWritten - before, in _state.Tags);
    }

    /// <summary>Flushes while <paramref name="next"/> is pending; call while holding the gate.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FlushWhilePendingAsync(ValueTask<bool> next)
    {
        try
        {
            await _state.FlushAsync(_flushToken).ConfigureAwait(false);
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
}
