using System.Buffers;

namespace SseGen.Client;

/// <summary>What <see cref="SseLineReader.TryReadLine"/> found in the bytes read so far.</summary>
internal enum SseLine
{
    /// <summary>No whole line yet: read more of the body.</summary>
    NeedMore,

    /// <summary>A line, with the line end it came with.</summary>
    Line,

    /// <summary>The LF of a CRLF whose CR ended the previous read: part of the line before, not a line of its own.</summary>
    SplitLineFeed,
}

/// <summary>
/// Splits one connection's body into lines after the WHATWG rules (CRLF, LF or a lone CR ends a line, also when split
/// across reads; one leading BOM is dropped), over one pooled buffer that grows only for a longer line. A line is a view
/// of that buffer, valid until the next <see cref="FillAsync"/>; a last line the body cut off is never returned.
/// </summary>
internal sealed class SseLineReader : IDisposable
{
    private const int InitialBufferSize = 16384;

    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    private readonly Stream _body;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    private int _start;
    private int _end;
    private bool _endOfBody;
    private bool _atBodyStart = true;

    // A line ended by a CR at the end of what was read: an LF first in the next read is the rest of that line end.
    private bool _afterCr;

    public SseLineReader(Stream body) => _body = body;

    /// <summary>Takes the next whole line from what was read, without waiting.</summary>
    /// <param name="text">The line without its line end.</param>
    /// <param name="withEnd">The line with its line end, as it arrived (for <see cref="SseLine.SplitLineFeed"/>, the LF alone).</param>
    public SseLine TryReadLine(out ReadOnlySpan<byte> text, out ReadOnlySpan<byte> withEnd)
    {
        text = default;
        withEnd = default;
        ReadOnlySpan<byte> unread = _buffer.AsSpan(_start, _end - _start);
        if (_atBodyStart)
        {
            // Two bytes of a BOM may be all that came so far: wait for the third before deciding.
            if (unread.Length < Bom.Length && Bom.StartsWith(unread) && !_endOfBody)
            {
                return SseLine.NeedMore;
            }

            _atBodyStart = false;
            if (unread.StartsWith(Bom))
            {
                _start += Bom.Length;
                unread = unread[Bom.Length..];
            }
        }

        if (unread.IsEmpty)
        {
            return SseLine.NeedMore;
        }

        if (_afterCr)
        {
            _afterCr = false;
            if (unread[0] == '\n')
            {
                withEnd = unread[..1];
                _start++;
                return SseLine.SplitLineFeed;
            }
        }

        int lineEnd = unread.IndexOfAny((byte)'\r', (byte)'\n');
        if (lineEnd < 0)
        {
            return SseLine.NeedMore;
        }

        int terminator = 1;
        if (unread[lineEnd] == '\r')
        {
            if (lineEnd + 1 < unread.Length)
            {
                terminator = unread[lineEnd + 1] == '\n' ? 2 : 1;
            }
            else
            {
                // A CR last in the buffer ends the line now (a lone CR is a line end); an LF next is its rest.
                _afterCr = true;
            }
        }

        text = unread[..lineEnd];
        withEnd = unread[..(lineEnd + terminator)];
        _start += lineEnd + terminator;
        return SseLine.Line;
    }

    /// <summary>Reads more of the body after what is unread, growing the buffer for a long line; <see langword="false"/> at its end.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_endOfBody)
        {
            return false;
        }

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

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        _start = _end = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
