using System.Diagnostics;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;

namespace SseGen;

/// <summary>
/// What the monitor needs of one open stream. The gate is held while a whole frame is written and flushed, by the
/// stream's loop or by a heartbeat, so a heartbeat can never land inside an event.
/// </summary>
internal sealed class SseStreamState(HttpContext context, PipeWriter body, SseFrameWriter frames, SseMetrics metrics, long heartbeatTicks, long sendTimeoutTicks)
{
    private long _lastWrite = Stopwatch.GetTimestamp();
    private long _flushStarted;
    private int _timedOut;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public bool TimedOut => Volatile.Read(ref _timedOut) == 1;

    /// <summary>Flushes under the send timeout; call while holding the gate.</summary>
    public async ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _flushStarted, Stopwatch.GetTimestamp());
        try
        {
            return await body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _flushStarted, 0);
        }
    }

    /// <summary>Records that a frame was written; call while holding the gate.</summary>
    public void MarkWritten() => Volatile.Write(ref _lastWrite, Stopwatch.GetTimestamp());

    public void OnTick(long now)
    {
        long flushStarted = Volatile.Read(ref _flushStarted);
        if (sendTimeoutTicks > 0 && flushStarted != 0 && now - flushStarted > sendTimeoutTicks && Interlocked.Exchange(ref _timedOut, 1) == 0)
        {
            // The client stopped reading: free the connection and its buffers instead of waiting on it.
            context.Abort();
            return;
        }

        if (heartbeatTicks > 0 && now - Volatile.Read(ref _lastWrite) >= heartbeatTicks && Gate.Wait(0))
        {
            _ = WriteHeartbeatAsync();
        }
    }

    private async Task WriteHeartbeatAsync()
    {
        try
        {
            long before = frames.BytesWritten;
            frames.WriteComment("");
            MarkWritten();
            metrics.Heartbeats.Add(1);
            metrics.Bytes.Add(frames.BytesWritten - before);
            await FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The client is gone or the response is finishing; the stream's loop sees that and ends.
        }
        finally
        {
            Gate.Release();
        }
    }
}
