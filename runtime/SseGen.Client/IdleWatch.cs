namespace SseGen.Client;

/// <summary>
/// Replaces a half-open connection: when no byte (event or heartbeat comment) arrives for the idle timeout, it cancels
/// the token the connection's reads run under, so the pending read ends and the client reconnects instead of waiting for
/// ever. One linked token per connection, restarted by every read that brings bytes.
/// </summary>
internal sealed class IdleWatch : IDisposable
{
    private readonly TimeSpan _timeout;
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource? _reads;

    public IdleWatch(TimeSpan? timeout, CancellationToken caller)
    {
        _caller = caller;
        if (timeout is { } value && value > TimeSpan.Zero)
        {
            _timeout = value;
            _reads = CancellationTokenSource.CreateLinkedTokenSource(caller);
            _reads.CancelAfter(value);
        }
    }

    /// <summary>The token to read the body under: the caller's, and cancelled too when the connection goes silent.</summary>
    public CancellationToken Token => _reads?.Token ?? _caller;

    /// <summary>Whether the connection was given up for being silent (not because the caller cancelled).</summary>
    public bool Expired => _reads?.IsCancellationRequested == true && !_caller.IsCancellationRequested;

    /// <summary>Wraps the body so every read that brings bytes restarts the timer.</summary>
    public Stream Track(Stream body) => _reads is null ? body : new ActivityStream(body, this);

    public void Dispose() => _reads?.Dispose();

    private void Saw()
    {
        if (_reads is { IsCancellationRequested: false } reads)
        {
            reads.CancelAfter(_timeout);
        }
    }

    private sealed class ActivityStream(Stream inner, IdleWatch watch) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read > 0)
            {
                watch.Saw();
            }

            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read = inner.Read(buffer, offset, count);
            if (read > 0)
            {
                watch.Saw();
            }

            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
