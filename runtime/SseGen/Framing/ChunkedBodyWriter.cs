using System.Buffers;
using System.Diagnostics;

namespace SseGen;

/// <summary>
/// Frames a response body as HTTP/1.1 chunked transfer coding on a raw <see cref="Stream"/>
/// (a socket, <c>HttpListener</c> output, a custom server) for code that owns the framing itself.
/// Each <see cref="FlushAsync"/> sends what was written since the last one as exactly one chunk.
/// </summary>
/// <remarks>
/// Chunked framing lets every proxy and client find the end of each piece and of the body without closing the
/// connection; a body that ends only by closing is what re-framing proxies break on.
/// </remarks>
public sealed class ChunkedBodyWriter : IBufferWriter<byte>, IAsyncDisposable
{
    // Room in front of the payload for the largest chunk-size line: 8 hex digits and CRLF.
    private const int SizeLineRoom = 10;
    private const int TrailerLength = 2;
    private static readonly byte[] LastChunk = "0\r\n\r\n"u8.ToArray();

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _end = SizeLineRoom;
    private bool _completed;

    /// <summary>Creates a writer that sends chunks to <paramref name="stream"/>.</summary>
    /// <param name="stream">The connection's stream, positioned just after the response head.</param>
    /// <param name="initialCapacity">The initial buffer size in bytes; the buffer grows as needed.</param>
    public ChunkedBodyWriter(Stream stream, int initialCapacity = 4096)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialCapacity);
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity + SizeLineRoom + TrailerLength);
    }

    /// <summary>The number of payload bytes written since the last flush.</summary>
    public int PendingBytes => _end - SizeLineRoom;

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_end + count > _buffer.Length - TrailerLength)
        {
            throw new InvalidOperationException("Cannot advance past the end of the buffer that was handed out.");
        }

        _end += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        // Reserve first: it may swap in a larger buffer.
        int available = Reserve(sizeHint);
        return _buffer.AsMemory(_end, available);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        int available = Reserve(sizeHint);
        return _buffer.AsSpan(_end, available);
    }

    /// <summary>
    /// Sends the bytes written since the last flush as one chunk and flushes the stream.
    /// With nothing written it sends nothing: an empty chunk would end the body.
    /// </summary>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfCompleted();
        int payload = PendingBytes;
        if (payload == 0)
        {
            return;
        }

        int start = WriteSizeLine(payload);
        _buffer[_end] = (byte)'\r';
        _buffer[_end + 1] = (byte)'\n';
        int end = _end + TrailerLength;
        _end = SizeLineRoom;
        await _stream.WriteAsync(_buffer.AsMemory(start, end - start), cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends any pending bytes as a last chunk, then the terminating zero-size chunk, and flushes.</summary>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        _completed = true;
        await _stream.WriteAsync(LastChunk, cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Completes the body if it was not completed, then returns the buffer to the pool.</summary>
    /// <remarks>A peer that is already gone is not an error here: there is no body left to end.</remarks>
    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            try
            {
                await CompleteAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }

        _completed = true;
        byte[] buffer = _buffer;
        _buffer = [];
        ArrayPool<byte>.Shared.Return(buffer);
    }

    private int Reserve(int sizeHint)
    {
        ThrowIfCompleted();
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        int wanted = Math.Max(sizeHint, 1);
        int available = _buffer.Length - TrailerLength - _end;
        if (available < wanted)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(checked(Math.Max(_buffer.Length * 2, _end + wanted + TrailerLength)));
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
            available = _buffer.Length - TrailerLength - _end;
        }

        return available;
    }

    // Writes "<hex size>\r\n" right-aligned just before the payload and returns where it starts.
    private int WriteSizeLine(int payload)
    {
        Span<byte> hex = stackalloc byte[8];
        bool formatted = payload.TryFormat(hex, out int digits, "X", System.Globalization.CultureInfo.InvariantCulture);
        Debug.Assert(formatted, "an int has at most 8 hex digits");
        int start = SizeLineRoom - digits - 2;
        hex[..digits].CopyTo(_buffer.AsSpan(start));
        _buffer[SizeLineRoom - 2] = (byte)'\r';
        _buffer[SizeLineRoom - 1] = (byte)'\n';
        return start;
    }

    private void ThrowIfCompleted()
    {
        if (_completed)
        {
            throw new InvalidOperationException("The chunked body has been completed; nothing more can be written.");
        }
    }
}
