using System.Buffers;
using System.Buffers.Text;

namespace SseGen.Client;

/// <summary>
/// Splits one connection's body into whole events without decoding them: each event's lines and line ends are kept as
/// they arrived (comments only when asked), after the WHATWG rules for where lines and events end (CRLF, LF or a lone CR,
/// also across reads; a blank line ends an event; one leading BOM dropped). Reads <c>id</c> and <c>retry</c> on the way,
/// as <c>EventSource</c> would, so the client can resume; an event cut off by the end of the body is never returned.
/// </summary>
internal sealed class SseRawEventReader : IDisposable
{
    private const int InitialBufferSize = 4096;

    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    private readonly Stream _body;
    private readonly bool _keepComments;
    private readonly byte[]? _endSentinel;
    private readonly ArrayBufferWriter<byte> _event = new(InitialBufferSize);
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    private int _start;
    private int _end;
    private bool _endOfBody;
    private bool _atBodyStart = true;

    // A line ended by a CR at the end of a read: an LF first in the next read is the rest of that line end, passed on
    // only if that line was (an LF after a left-out comment would be a blank line of its own).
    private bool _afterCr;
    private bool _lastLineKept;

    // What the current event has so far: lines kept, data lines, whether it is a message event whose data is the sentinel.
    private int _keptLines;
    private int _dataLines;
    private bool _isMessage = true;
    private bool _dataIsSentinel;

    // The spec's last event ID buffer: set by an id field, taken as the last event id only when its event is dispatched.
    private byte[] _pendingId = [];
    private int _pendingIdLength = -1;
    private byte[] _dispatchedId = [];
    private int _dispatchedIdLength = -1;

    public SseRawEventReader(Stream body, bool keepComments, byte[]? endSentinel)
    {
        _body = body;
        _keepComments = keepComments;
        _endSentinel = endSentinel;
    }

    /// <summary>The last event read: valid until the next call of <see cref="ReadAsync"/>.</summary>
    public ReadOnlyMemory<byte> Current => _event.WrittenMemory;

    /// <summary>Whether the last event read was a <c>message</c> event whose data is the end sentinel.</summary>
    public bool CurrentIsEndSentinel { get; private set; }

    /// <summary>The server's last <c>retry:</c>, or <see langword="null"/> when it sent none.</summary>
    public TimeSpan? Retry { get; private set; }

    /// <summary>Whether an event dispatched on this connection set the last event id (to <see cref="DispatchedId"/>).</summary>
    public bool HasDispatchedId => _dispatchedIdLength >= 0;

    /// <summary>The last event id of the dispatched events, decoded only when the connection is over.</summary>
    public string DispatchedId => System.Text.Encoding.UTF8.GetString(_dispatchedId, 0, Math.Max(_dispatchedIdLength, 0));

    /// <summary>Reads up to the next whole event; <see langword="false"/> when the body ended (a cut-off event is dropped).</summary>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        _event.ResetWrittenCount();
        ResetEvent();
        while (true)
        {
            if (_atBodyStart && !await SkipBomAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            int lineEnd = _buffer.AsSpan(_start, _end - _start).IndexOfAny((byte)'\r', (byte)'\n');
            if (lineEnd < 0)
            {
                if (_endOfBody || !await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }

                continue;
            }

            if (_afterCr)
            {
                _afterCr = false;
                if (lineEnd == 0 && _buffer[_start] == '\n')
                {
                    // The LF of a CRLF split across reads: it ends no line of its own. After an event's blank line it
                    // opens the next frame, so the frames still add up to the bytes that came.
                    if (_lastLineKept)
                    {
                        _event.Write(_buffer.AsSpan(_start, 1));
                    }

                    _start++;
                    continue;
                }
            }

            int line = _start;
            int terminator = 1;
            if (_buffer[_start + lineEnd] == '\r')
            {
                if (_start + lineEnd + 1 < _end)
                {
                    terminator = _buffer[_start + lineEnd + 1] == '\n' ? 2 : 1;
                }
                else
                {
                    _afterCr = true;
                }
            }

            _start += lineEnd + terminator;
            int written = _event.WrittenCount;
            bool dispatched = Line(_buffer.AsSpan(line, lineEnd), _buffer.AsSpan(line, lineEnd + terminator));
            _lastLineKept = _event.WrittenCount > written;
            if (dispatched)
            {
                return true;
            }
        }
    }

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>Takes one line; <see langword="true"/> when it was the blank line that ends an event worth returning.</summary>
    private bool Line(ReadOnlySpan<byte> text, ReadOnlySpan<byte> withEnd)
    {
        if (text.IsEmpty)
        {
            Dispatch();
            if (_keptLines == 0)
            {
                // Nothing to pass on (an empty line, or comments left out): a relay writes no empty frame.
                _event.ResetWrittenCount();
                ResetEvent();
                return false;
            }

            _event.Write(withEnd);
            return true;
        }

        if (text[0] == ':')
        {
            if (_keepComments)
            {
                _event.Write(withEnd);
                _keptLines++;
            }

            return false;
        }

        int colon = text.IndexOf((byte)':');
        ReadOnlySpan<byte> name = colon < 0 ? text : text[..colon];
        ReadOnlySpan<byte> value = colon < 0 ? ReadOnlySpan<byte>.Empty : text[(colon + 1)..];
        if (!value.IsEmpty && value[0] == ' ')
        {
            value = value[1..];
        }

        if (name.SequenceEqual("data"u8))
        {
            // The sentinel has no line break, so only data of one line can equal it.
            _dataIsSentinel = _dataLines == 0 && _endSentinel is not null && value.SequenceEqual(_endSentinel);
            _dataLines++;
        }
        else if (name.SequenceEqual("event"u8))
        {
            _isMessage = value.IsEmpty || value.SequenceEqual("message"u8);
        }
        else if (name.SequenceEqual("id"u8))
        {
            if (value.IndexOf((byte)0) < 0)
            {
                Store(value, ref _pendingId, ref _pendingIdLength);
            }
        }
        else if (name.SequenceEqual("retry"u8))
        {
            if (!value.IsEmpty && value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0 && Utf8Parser.TryParse(value, out long milliseconds, out int consumed) && consumed == value.Length)
            {
                Retry = TimeSpan.FromMilliseconds(milliseconds);
            }
        }

        // Every other field (and an unknown one) is passed on as it came, as EventSource would ignore it.
        _event.Write(withEnd);
        _keptLines++;
        return false;
    }

    private void Dispatch()
    {
        // As the spec's dispatch: the last event ID buffer becomes the last event id, whether or not the event has data.
        if (_pendingIdLength >= 0)
        {
            Store(_pendingId.AsSpan(0, _pendingIdLength), ref _dispatchedId, ref _dispatchedIdLength);
        }

        CurrentIsEndSentinel = _dataLines == 1 && _dataIsSentinel && _isMessage;
    }

    private void ResetEvent()
    {
        _keptLines = 0;
        _dataLines = 0;
        _isMessage = true;
        _dataIsSentinel = false;
        CurrentIsEndSentinel = false;
    }

    private static void Store(ReadOnlySpan<byte> value, ref byte[] target, ref int length)
    {
        if (target.Length < value.Length)
        {
            target = new byte[Math.Max(value.Length, 32)];
        }

        value.CopyTo(target);
        length = value.Length;
    }

    /// <summary>Drops one BOM at the start of the body; <see langword="false"/> when the body ended before it could tell.</summary>
    private async ValueTask<bool> SkipBomAsync(CancellationToken cancellationToken)
    {
        while (_end - _start < Bom.Length && !_endOfBody)
        {
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }

        _atBodyStart = false;
        if (_buffer.AsSpan(_start, _end - _start).StartsWith(Bom))
        {
            _start += Bom.Length;
        }

        return _end > _start || !_endOfBody;
    }

    /// <summary>Reads more of the body after what is unread, growing the buffer for a long line.</summary>
    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        int read = await _body.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _endOfBody = true;
            return false;
        }

        _end += read;
        return true;
    }
}
