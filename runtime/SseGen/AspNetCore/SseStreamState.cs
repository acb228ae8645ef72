using System.Diagnostics;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;

namespace SseGen;

/// <summary>
/// What the monitor needs of one open stream. The gate is held while frames are written and flushed, by the stream's
/// loop (once per burst of ready items) or by a heartbeat, so a heartbeat can never land inside an event. It is the body's
/// writer for the stream's frames (<see cref="CoalescingBodyWriter.Commit"/> before releasing the gate).
/// </summary>
/// <remarks>
/// <c>heartbeatPhaseTicks</c> is how much sooner than the interval the first heartbeat comes: a random share of the
/// interval, so streams that opened together (a reconnect storm) heartbeat in different ticks instead of all in one.
/// </remarks>
internal class SseStreamState : CoalescingBodyWriter
{
    private readonly HttpContext _context;
    private readonly SseFrameWriter _frames;
    private readonly SseMetrics _metrics;
    private readonly long _heartbeatTicks;
    private readonly long _sendTimeoutTicks;
    private readonly StreamTags _tags;
    private readonly CancellationToken _aborted;
    private CancellationToken _stopping;
    private TimeSpan _shutdownTimeout;
    private int _hostStopping;

    // Read and written by the monitor's tick only: the stream's loop never reads the clock per event.
    private long _bytesSeenAtLastTick = -1;

    // Dated earlier by the stream's phase (see the constructor).
    private long _previousTick;
    private long _lastActivity;

    private long _flushStarted;
    private long _flushedBytes;
    private int _timedOut;
    private long _shutdownDeadline;
    private int _shutdownAborted;

    // Not readonly: the gate is a struct, changed in place.
    private StreamGate _gate;

    /// <summary>A stream writing its frames to <paramref name="body"/>, through this object (a <see cref="CoalescingBodyWriter"/>).</summary>
    public SseStreamState(HttpContext context, PipeWriter body, SseMetrics metrics, StreamTags tags, long heartbeatTicks, long sendTimeoutTicks, long heartbeatPhaseTicks = 0)
        : base(body)
    {
        _context = context;
        _frames = new SseFrameWriter(this);
        _metrics = metrics;
        _tags = tags;
        _heartbeatTicks = heartbeatTicks;
        _sendTimeoutTicks = sendTimeoutTicks;
        _aborted = context.RequestAborted;

        // The stream's first tick dates its opening from this, so its heartbeats come sooner by the phase, never later
        // (and the phase needs no field of its own).
        _previousTick = Stopwatch.GetTimestamp() - heartbeatPhaseTicks;
    }

    /// <summary>Takes the write gate, waiting for a heartbeat that holds it; the stream's loop only, one step at a time.</summary>
    protected ValueTask EnterGateAsync(CancellationToken cancellationToken) => _gate.EnterAsync(cancellationToken);

    /// <summary>Releases the write gate.</summary>
    protected void ExitGate() => _gate.Exit();

    /// <summary>The request the stream answers.</summary>
    public HttpContext Context => _context;

    /// <summary>The stream's frame writer.</summary>
    public SseFrameWriter Frames => _frames;

    /// <summary>The app's SseGen instruments.</summary>
    public SseMetrics Metrics => _metrics;

    /// <summary>The connection's own token (<c>RequestAborted</c>): the only one that cancels a flush.</summary>
    public CancellationToken Aborted => _aborted;

    /// <summary>The host's stopping token the monitor watches for this stream (see <see cref="WatchStopping"/>).</summary>
    public CancellationToken Stopping => _stopping;

    /// <summary>The stream's tags, shared by its route's streams: the loop and the response read them by reference rather than copy 144 bytes each.</summary>
    public ref readonly TagList Tags => ref _tags.Value;

    public bool TimedOut => Volatile.Read(ref _timedOut) == 1;

    /// <summary>
    /// Whether the host's shutdown timeout is up. The host aborts connections at its own timeout, which began a moment
    /// before <c>ApplicationStopping</c>, and a tick may come one resolution late: within that of the deadline is that timeout.
    /// </summary>
    public bool ShutdownTimedOut
    {
        get
        {
            long deadline = Volatile.Read(ref _shutdownDeadline);
            return deadline != 0 && Stopwatch.GetTimestamp() >= deadline - (long)(SseStreamMonitor.Resolution.TotalSeconds * Stopwatch.Frequency);
        }
    }

    /// <summary>Bytes written since the last flush began; call while holding the gate.</summary>
    public long UnflushedBytes => _frames.BytesWritten - _flushedBytes;

    /// <summary>Flushes under the send timeout; call while holding the gate.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken)
    {
        _flushedBytes = _frames.BytesWritten;
        Volatile.Write(ref _flushStarted, Stopwatch.GetTimestamp());
        FlushResult result;
        try
        {
            result = await FlushBodyAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _flushStarted, 0);
        }

        // An abort completes the body's reader before Kestrel signals RequestAborted on the thread pool; until then every
        // flush would return at once, and the loop would go on pulling items into a stream nobody reads (hundreds of
        // them under load, seen on HTTP/2 after a send timeout).
        if (result.IsCompleted)
        {
            throw new ConnectionAbortedException("The stream was aborted; nothing more can be sent.");
        }

        return result;
    }

    /// <summary>Flushes what is left and ends the body with the zero-length chunk, under the send timeout; call while holding the gate.</summary>
    /// <returns><see langword="false"/> when the connection was aborted first and Kestrel cancelled the flush instead of failing it.</returns>
    public async ValueTask<bool> CompleteAsync(CancellationToken cancellationToken)
    {
        FlushResult flushed = await FlushAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _flushStarted, Stopwatch.GetTimestamp());
        try
        {
            await _context.Response.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _flushStarted, 0);
        }

        return !flushed.IsCanceled && !cancellationToken.IsCancellationRequested;
    }

    /// <summary>
    /// When the host stops (<paramref name="stopping"/>): gives the stream <paramref name="shutdownTimeout"/> to deliver
    /// what it wrote, then ends its items. Set before the stream is registered with <see cref="SseStreamMonitor"/>, which
    /// registers once per host on its stopping token and calls <see cref="OnHostStopping"/> for each of its streams: an
    /// idle stream holds no callback node of its own for it.
    /// </summary>
    public void WatchStopping(CancellationToken stopping, TimeSpan shutdownTimeout)
    {
        _stopping = stopping;
        _shutdownTimeout = shutdownTimeout;
    }

    /// <summary>The host is stopping: starts the shutdown timeout and ends the items. Safe to call more than once.</summary>
    public void OnHostStopping()
    {
        if (Interlocked.Exchange(ref _hostStopping, 1) != 0)
        {
            return;
        }

        BeginShutdown(_shutdownTimeout);
        StopItems();
    }

    /// <summary>Ends the stream's items as the host stops; the stream's loop does it.</summary>
    protected virtual void StopItems()
    {
    }

    /// <summary>
    /// The connection is aborted: called on every tick from then until the stream ends, so items that registered nothing on
    /// the connection's token (see <see cref="IAbortableItems"/>) are woken within a tick.
    /// </summary>
    protected virtual void OnConnectionAborted()
    {
    }

    /// <summary>Gives the stream <paramref name="timeout"/> to deliver what it wrote; then the monitor aborts the connection.</summary>
    public void BeginShutdown(TimeSpan timeout)
    {
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            long ticks = (long)(Math.Max(timeout.TotalSeconds, 0) * Stopwatch.Frequency);
            Interlocked.CompareExchange(ref _shutdownDeadline, Stopwatch.GetTimestamp() + Math.Max(ticks, 1), 0);
        }
    }

    public void OnTick(long now)
    {
        if (_aborted.IsCancellationRequested)
        {
            // Nothing more can be sent: no heartbeat, and no timeout to watch.
            OnConnectionAborted();
            return;
        }

        long flushStarted = Volatile.Read(ref _flushStarted);
        if (_sendTimeoutTicks > 0 && flushStarted != 0 && now - flushStarted > _sendTimeoutTicks && Interlocked.Exchange(ref _timedOut, 1) == 0)
        {
            // The client stopped reading: free the connection and its buffers instead of waiting on it.
            _context.Abort();
            return;
        }

        long shutdownDeadline = Volatile.Read(ref _shutdownDeadline);
        if (shutdownDeadline != 0 && now >= shutdownDeadline && Interlocked.Exchange(ref _shutdownAborted, 1) == 0)
        {
            // The host is stopping and the client did not take its last events in time: the one abort of a stopping stream.
            _context.Abort();
            return;
        }

        // Activity is seen as a change in the byte count since the previous tick, and dated at that tick: the earliest
        // the write can have been. So a heartbeat comes within the interval after the last write, never later, which
        // is what keeps a proxy's idle timeout set to the interval from cutting the stream.
        long written = _frames.BytesWritten;
        if (written != _bytesSeenAtLastTick)
        {
            _lastActivity = _previousTick;
            _bytesSeenAtLastTick = written;
        }
        else if (_heartbeatTicks > 0 && now - _lastActivity >= _heartbeatTicks && _gate.TryEnter())
        {
            _ = WriteHeartbeatAsync();

            // The comment is written before WriteHeartbeatAsync first waits, so its bytes are already counted.
            _bytesSeenAtLastTick = _frames.BytesWritten;
            _lastActivity = now;
        }

        _previousTick = now;
    }

    private async Task WriteHeartbeatAsync()
    {
        try
        {
            long before = _frames.BytesWritten;
            _frames.WriteComment("");
            _metrics.Heartbeats.Add(1, in _tags.Value);
            _metrics.Bytes.Add(_frames.BytesWritten - before, in _tags.Value);
            await FlushAsync(_aborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The client is gone or the response is finishing; the stream's loop sees that and ends.
        }
        finally
        {
            Commit();
            _gate.Exit();
        }
    }
}
