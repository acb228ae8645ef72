using System.Diagnostics;
using System.IO.Pipelines;
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
/// The loop is the stream's state (one object per stream, not two) and holds what <see cref="SseResponse"/> needs while
/// the stream runs (the request, its options, logger and registrations), so the async method that drives it keeps little
/// more than the loop: that method's box is what a waiting stream holds of it. Host shutdown ends the items through
/// <see cref="StopItems"/>: by cancelling the items' own
/// source, or, for items that stop without one (a topic's subscription, whose token is then the connection's), by
/// stopping their enumerator.
/// </para>
/// </remarks>
internal sealed class SseStreamLoop<T> : SseStreamState
{
    // Cancels the items' source; one delegate for every stream's registrations.
    private static readonly Action<object?> CancelItems = static source => ((CancellationTokenSource)source!).Cancel();

    private readonly Action<SseFrameWriter, T> _writeItem;
    private readonly CancellationToken _itemsToken;
    private readonly ItemsCancellation? _itemsCancellation;
    private IAsyncEnumerable<T>? _items;
    private IAsyncEnumerator<T>? _enumerator;
    // A long and a flag rather than a long?: the flag packs beside the loop's other small fields (8 bytes less a stream).
    private readonly long _retryMilliseconds;
    private bool _retryPending;
    private int _stopped;

    // itemsCancellation: the items' own source, cancelled by Stop; null when their enumerator stops itself (IStoppable).
    public SseStreamLoop(
        HttpContext context,
        IAsyncEnumerable<T> items,
        SseStreamOptions options,
        ILogger logger,
        PipeWriter body,
        Action<SseFrameWriter, T> writeItem,
        SseMetrics metrics,
        StreamTags tags,
        long heartbeatTicks,
        long sendTimeoutTicks,
        long heartbeatPhaseTicks,
        ItemsCancellation? itemsCancellation,
        CancellationToken itemsToken)
        : base(context, body, metrics, tags, heartbeatTicks, sendTimeoutTicks, heartbeatPhaseTicks)
    {
        Options = options;
        Logger = logger;
        _items = items;
        _writeItem = writeItem;
        _retryMilliseconds = options.RetryMilliseconds.GetValueOrDefault();
        _retryPending = options.RetryMilliseconds.HasValue;
        _itemsCancellation = itemsCancellation;
        _itemsToken = itemsToken;
    }

    public SseStreamOptions Options { get; }

    public ILogger Logger { get; }

    public long StartedAt { get; } = Stopwatch.GetTimestamp();

    public long EventCount { get; private set; }

    /// <summary>The endpoint's name for the logs.</summary>
    public string EndpointName => Options.EndpointName ?? Context.Request.Path;

    /// <summary>Registers what ends the items: the connection and the caller's token (the host's stopping: <see cref="SseStreamState.WatchStopping"/>).</summary>
    public void Register(CancellationToken cancellationToken)
    {
        if (_itemsCancellation is { } source)
        {
            // One by one on a plain source rather than linked: the generated endpoints pass RequestAborted as the caller's
            // token, which a linked source would register twice.
            source.OnAborted = Aborted.UnsafeRegister(CancelItems, source);
            source.OnCancelled = cancellationToken == Aborted ? default : cancellationToken.UnsafeRegister(CancelItems, source);
        }
    }

    /// <summary>Undoes <see cref="Register"/>; once, after the stream has ended.</summary>
    public void Unregister()
    {
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
        if (_itemsCancellation is null && Volatile.Read(ref _stopped) == 1 && enumerator is IStoppable stoppable)
        {
            stoppable.Stop();
        }

        return enumerator;
    }

    /// <summary>Ends the items as the host stops: cancels their source, or stops their enumerator.</summary>
    protected override void StopItems()
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

    /// <summary>
    /// Wakes items that registered nothing on the connection's token (a topic's subscription on it) by stopping their
    /// enumerator: its move then throws for the cancelled token, as it would from a registration.
    /// </summary>
    protected override void OnConnectionAborted()
    {
        if (_itemsCancellation is null && Volatile.Read(ref _enumerator) is IStoppable enumerator)
        {
            enumerator.Stop();
        }
    }

    /// <summary>Whether the items were ended on their side: the host stopping, the caller's token, or the connection's.</summary>
    public bool Cancelled => Volatile.Read(ref _stopped) == 1 || _itemsToken.IsCancellationRequested;

    /// <summary>Whether a cancellation from the items is their token ending them (host stopping, or the caller), not the connection's.</summary>
    public bool EndedByItsToken => Cancelled && !Aborted.IsCancellationRequested;

    /// <summary>Writes <paramref name="endSentinel"/> as a last event when given, flushes what is left and ends the body with the zero-length chunk.</summary>
    public async Task EndAsync(string? endSentinel = null)
    {
        // Never released: nothing may follow the terminator, not even a heartbeat.
        await EnterGateAsync(Aborted).ConfigureAwait(false);
        WriteRetryOnce();
        if (endSentinel is not null)
        {
            // Under the gate, so no heartbeat comes between it and the terminator; one flush sends both.
            Frames.WriteEvent(endSentinel.AsSpan());
        }

        if (!await CompleteAsync(Aborted).ConfigureAwait(false))
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
        await EnterGateAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            WriteRetryOnce();
            await FlushWhilePendingAsync(next).ConfigureAwait(false);
        }
        finally
        {
            Commit();
            ExitGate();
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
        await EnterGateAsync(Aborted).ConfigureAwait(false);

        // The metrics are told once per burst, not per event: with a listener (OpenTelemetry), each Add runs its
        // callbacks, twice an event otherwise.
        long eventsBefore = EventCount;
        long bytesBefore = Frames.BytesWritten;
        try
        {
            WriteRetryOnce();
            bytesBefore = Frames.BytesWritten;
            while (true)
            {
                _writeItem(Frames, enumerator.Current);
                EventCount++;
                if (UnflushedBytes >= SseResponse.CoalesceLimitBytes)
                {
                    // Told at every flush too, so a long burst shows in the metrics as it goes.
                    ReportWritten(eventsBefore, bytesBefore);
                    eventsBefore = EventCount;
                    bytesBefore = Frames.BytesWritten;
                    await FlushAsync(Aborted).ConfigureAwait(false);
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
                    if (UnflushedBytes > 0)
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
            Commit();
            ExitGate();
            ReportWritten(eventsBefore, bytesBefore);
        }
    }

    /// <summary>Tells the metrics the events and bytes written since <paramref name="eventsBefore"/> and <paramref name="bytesBefore"/>.</summary>
    private void ReportWritten(long eventsBefore, long bytesBefore)
    {
        if (EventCount > eventsBefore)
        {
            Metrics.Events.Add(EventCount - eventsBefore, in Tags);
            Metrics.Bytes.Add(Frames.BytesWritten - bytesBefore, in Tags);
        }
    }

    /// <summary>Writes the endpoint's <c>retry:</c> before anything else of the stream; call while holding the gate.</summary>
    private void WriteRetryOnce()
    {
        if (_retryPending)
        {
            _retryPending = false;
            Frames.WriteRetry(_retryMilliseconds);
        }
    }

    /// <summary>Flushes while <paramref name="next"/> is pending; call while holding the gate.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FlushWhilePendingAsync(ValueTask<bool> next)
    {
        try
        {
            await FlushAsync(Aborted).ConfigureAwait(false);
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

    /// <summary>
    /// The items' own source, for items that need one, with its registrations on the connection's and the caller's
    /// tokens: held here rather than in the loop, so a stream whose items need no source carries none of it.
    /// </summary>
    internal sealed class ItemsCancellation : CancellationTokenSource
    {
        public CancellationTokenRegistration OnAborted { get; set; }

        public CancellationTokenRegistration OnCancelled { get; set; }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                OnCancelled.Dispose();
                OnAborted.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
