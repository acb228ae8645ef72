namespace SseGen.LoadTest.Client;

/// <summary>
/// Decodes an HTTP/1.1 chunked body fed in arbitrary slices, as strictly as Go's httputil: a size line of 1 to 8 hex
/// digits and CRLF (no extensions, no spaces), exactly that many bytes, CRLF; a zero-size chunk and an empty trailer
/// line end the body. Anything else throws. The chunks' data goes on to <paramref name="payload"/> as it arrives.
/// Shared with the fan-out tool (linked, not copied), which splits the payload into events where this tool counts frames.
/// </summary>
internal sealed class StrictChunkedDecoder(IChunkPayloadSink payload)
{
    private const int MaxSizeDigits = 8;

    private State _state = State.SizeLine;
    private int _sizeDigits;
    private long _chunkRemaining;

    private enum State
    {
        SizeLine,
        SizeLineFeed,
        Data,
        DataCarriageReturn,
        DataLineFeed,
        TrailerCarriageReturn,
        TrailerLineFeed,
        Done,
    }

    /// <summary>Whether the terminating chunk and its empty trailer have been read.</summary>
    public bool IsDone => _state == State.Done;

    /// <summary>Decodes <paramref name="input"/>; returns the number of bytes consumed, less than all only once done.</summary>
    public int Feed(ReadOnlySpan<byte> input)
    {
        int position = 0;
        while (position < input.Length)
        {
            byte next = input[position];
            switch (_state)
            {
                case State.SizeLine:
                    if (next == (byte)'\r' && _sizeDigits > 0)
                    {
                        _state = State.SizeLineFeed;
                    }
                    else if (HexValue(next) is int digit && _sizeDigits < MaxSizeDigits)
                    {
                        _chunkRemaining = (_chunkRemaining << 4) | (uint)digit;
                        _sizeDigits++;
                    }
                    else
                    {
                        throw new InvalidDataException($"invalid byte 0x{next:x2} in a chunk size line");
                    }

                    position++;
                    break;
                case State.SizeLineFeed:
                    Expect(next, (byte)'\n', "a chunk size line's CR is not followed by LF");
                    _sizeDigits = 0;
                    _state = _chunkRemaining == 0 ? State.TrailerCarriageReturn : State.Data;
                    position++;
                    break;
                case State.Data:
                    int take = (int)Math.Min(_chunkRemaining, input.Length - position);
                    payload.Feed(input.Slice(position, take));
                    _chunkRemaining -= take;
                    position += take;
                    if (_chunkRemaining == 0)
                    {
                        _state = State.DataCarriageReturn;
                    }

                    break;
                case State.DataCarriageReturn:
                    Expect(next, (byte)'\r', "a chunk's data is not followed by CRLF");
                    _state = State.DataLineFeed;
                    position++;
                    break;
                case State.DataLineFeed:
                    Expect(next, (byte)'\n', "a chunk's data is not followed by CRLF");
                    _state = State.SizeLine;
                    position++;
                    break;
                case State.TrailerCarriageReturn:
                    Expect(next, (byte)'\r', "trailer fields after the last chunk");
                    _state = State.TrailerLineFeed;
                    position++;
                    break;
                case State.TrailerLineFeed:
                    Expect(next, (byte)'\n', "the last chunk's CR is not followed by LF");
                    _state = State.Done;
                    position++;
                    return position;
                default:
                    throw new InvalidDataException("bytes after the end of the body");
            }
        }

        return position;
    }

    private static int? HexValue(byte value) => value switch
    {
        >= (byte)'0' and <= (byte)'9' => value - '0',
        >= (byte)'a' and <= (byte)'f' => value - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => value - 'A' + 10,
        _ => null,
    };

    private static void Expect(byte actual, byte expected, string error)
    {
        if (actual != expected)
        {
            throw new InvalidDataException(error);
        }
    }
}

/// <summary>Takes a chunked body's data, never empty, in the order it arrives.</summary>
internal interface IChunkPayloadSink
{
    /// <summary>Takes the next slice of chunk data; the span is only valid during the call.</summary>
    void Feed(ReadOnlySpan<byte> payload);
}
