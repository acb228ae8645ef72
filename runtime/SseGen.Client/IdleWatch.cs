namespace SseGen.Client;

/// <summary>
/// Replaces a half-open connection: when no byte (event or heartbeat comment) arrives for the idle timeout, it disposes
/// the response, so the pending read fails and the client reconnects instead of waiting for ever.
/// </summary>
internal sealed class IdleWatch : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly TimeSpan? _timeout;
    private readonly CancellationTokenSource? _timer;
    private readonly CancellationTokenRegistration _onExpired;

    public IdleWatch(HttpResponseMessage response, TimeSpan? timeout)
    {
        _response = response;
        _timeout = timeout;
        if (timeout is { } value && value > TimeSpan.Zero)
        {
            _timer = new CancellationTokenSource(value);
            _onExpired = _timer.Token.Register(static state => ((HttpResponseMessage)state!).Dispose(), response);
        }
    }

    /// <summary>Whether the connection was replaced for being silent.</summary>
    public bool Expired => _timer?.IsCancellationRequested == true;

    /// <summary>Wraps the body so every read that brings bytes restarts the timer.</summary>
    public Stream Track(Stream body) => _timer is null ? body : new ActivityStream(body, this);

    public void Dispose()
    {
        _onExpired.Dispose();
        _timer?.Dispose();
    }

    private void Saw()
    {
        if (_timer is { IsCancellationRequested: false } timer)
        {
            timer.CancelAfter(_timeout!.Value);
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
