using SseGen.LoadTest.Client;

namespace SseGen.FanOut.Client;

/// <summary>
/// Splits an event stream's bytes into frames at the blank line and hands each event's <c>data</c> to the receiver.
/// Frames without data (the <c>retry:</c> SseGen sends first, heartbeat comments) are skipped; an event must have
/// exactly one <c>data</c> line, since every peer writes the event as compact JSON.
/// </summary>
internal sealed class SseEventSplitter(EventReceiver receiver) : IChunkPayloadSink
{
    private byte[] _buffer = new byte[1024];
    private int _length;

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes.Length));
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
        int start = 0;
        while (true)
        {
            int end = _buffer.AsSpan(start, _length - start).IndexOf("\n\n"u8);
            if (end < 0)
            {
                break;
            }

            ReadFrame(_buffer.AsSpan(start, end + 1));
            start += end + 2;
        }

        if (start > 0)
        {
            _buffer.AsSpan(start, _length - start).CopyTo(_buffer);
            _length -= start;
        }
    }

    /// <summary>Reads one frame, each of its lines ending in LF (no peer here writes CR).</summary>
    private void ReadFrame(ReadOnlySpan<byte> frame)
    {
        if (frame.StartsWith(":"u8))
        {
            receiver.OnComment();
        }

        bool hasData = false;
        while (!frame.IsEmpty)
        {
            int end = frame.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = frame[..end];
            frame = frame[(end + 1)..];
            if (!line.StartsWith("data:"u8))
            {
                continue;
            }

            if (hasData)
            {
                throw new InvalidDataException("an event with more than one data line");
            }

            hasData = true;
            ReadOnlySpan<byte> data = line["data:"u8.Length..];
            receiver.OnEvent(data.StartsWith(" "u8) ? data[1..] : data);
        }
    }
}
