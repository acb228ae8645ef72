using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Connections;

namespace SseGen;

/// <summary>
/// One stream's items written as events: pulled until they end or their token is cancelled, written in bursts under the
/// gate, then the body ended with its terminator. The items' token never cancels a flush: Kestrel aborts the connection
/// when a flush is cancelled, which would cut the event on the wire. Only the connection's own token does.
/// </summary>
/// <remarks>
/// The endpoint's <c>retry:</c> is written with the first event, the head or the end, not before the first item is asked
/// for: items that fail at once (a topic name from the request that breaks the rule) leave nothing written, so the
/// response can still answer with a status of its own.
/// </remarks>
internal sealed class SseStreamLoop<T>(SseStreamState state, SseFrameWriter frames, Action<SseFrameWriter, T> writeItem, SseMetrics metrics, long? retryMilliseconds, CancellationToken itemsToken, CancellationToken flushToken)
{
    private long? _retryMilliseconds = retryMilliseconds;

    public long EventCount { get; private set; }

    /// <summary>
    /// The items' enumerator, on their token. <see cref="SseResponse.StreamAsync{T}"/> drives it with <see cref="SendHeadAsync"/>
    /// and <see cref="WriteBurstAsync"/> in its own async method, and disposes it, rather than awaiting a method of the loop's
    /// that would: a stream waiting for its next item is suspended in one state machine, not two (216 bytes less per idle stream).
    /// </summary>
    public IAsyncEnumerator<T> Enumerate(IAsyncEnumerable<T> items) => items.GetAsyncEnumerator(itemsToken);

    /// <summary>Whether a cancellation from the items is their token ending them (host stopping, or the caller), not the connection's.</summary>
    public bool EndedByItsToken => itemsToken.IsCancellationRequested && !flushToken.IsCancellationRequested;

    /// <summary>Whether the items' token ended them.</summary>
    public bool Cancelled => itemsToken.IsCancellationRequested;

    /// <summary>Writes <paramref name="endSentinel"/> as a last event when given, flushes what is left and ends the body with the zero-length chunk.</summary>
    public async Task EndAsync(string? endSentinel = null)
    {
        // Never released: nothing may follow the terminator, not even a heartbeat.
        await state.Gate.WaitAsync(flushToken).ConfigureAwait(false);
        WriteRetryOnce();
        if (endSentinel is not null)
        {
            // Under the gate, so no heartbeat comes between it and the terminator; one flush sends both.
            frames.WriteEvent(endSentinel.AsSpan());
        }

        if (!await state.CompleteAsync(flushToken).ConfigureAwait(false))
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
        await state.Gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            WriteRetryOnce();
            await FlushWhilePendingAsync(next).ConfigureAwait(false);
        }
        finally
        {
            state.Commit();
            state.Gate.Release();
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
        await state.Gate.WaitAsync(flushToken).ConfigureAwait(false);
        try
        {
            WriteRetryOnce();
            while (true)
            {
                WriteEvent(enumerator.Current);
                if (state.UnflushedBytes >= SseResponse.CoalesceLimitBytes)
                {
                    await state.FlushAsync(flushToken).ConfigureAwait(false);
                }

                // Checked here too, so items that ignore their token (always ready) still stop being pulled.
                if (itemsToken.IsCancellationRequested)
                {
                    return new ValueTask<bool>(false);
                }

                ValueTask<bool> next = enumerator.MoveNextAsync();
                if (!next.IsCompleted)
                {
                    // The next item is not ready: send the burst now, while the items produce the next one.
                    if (state.UnflushedBytes > 0)
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
            state.Commit();
            state.Gate.Release();
        }
    }

    /// <summary>Writes the endpoint's <c>retry:</c> before anything else of the stream; call while holding the gate.</summary>
    private void WriteRetryOnce()
    {
        if (_retryMilliseconds is { } retry)
        {
            _retryMilliseconds = null;
            frames.WriteRetry(retry);
        }
    }

    private void WriteEvent(T item)
    {
        long before = frames.BytesWritten;
        writeItem(frames, item);
        EventCount++;
        metrics.Events.Add(1, in state.Tags);
        metrics.Bytes.Add(frames.BytesWritten - before, in state.Tags);
    }

    /// <summary>Flushes while <paramref name="next"/> is pending; call while holding the gate.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FlushWhilePendingAsync(ValueTask<bool> next)
    {
        try
        {
            await state.FlushAsync(flushToken).ConfigureAwait(false);
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
