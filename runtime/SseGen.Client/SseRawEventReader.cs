using System.Buffers;

namespace SseGen.Client;

/// <summary>
/// Reads one connection's body as whole events without decoding them, for a relay: each event's lines and line ends as
/// they arrived (comments only when asked), so the frames handed on add up to the bytes that came.
/// </summary>
internal sealed class SseRawEventReader : SseStreamReader<SseRawEvent>
{
    private readonly bool _keepComments;
    private readonly byte[]? _endSentinel;
    private readonly ArrayBufferWriter<byte> _event = new(4096);

    // Whether the last line was passed on: an LF split from its CR follows its line (an LF after a left-out comment would
    // be a blank line of its own).
    private bool _lastLineKept;

    // What the current event has so far: lines kept, data lines, whether it is a message event whose data is the sentinel.
    private int _keptLines;
    private int _dataLines;
    private bool _isMessage = true;
    private bool _dataIsSentinel;

    public SseRawEventReader(Stream body, bool keepComments, byte[]? endSentinel)
        : base(body)
    {
        _keepComments = keepComments;
        _endSentinel = endSentinel;
    }

    /// <inheritdoc />
    public override SseRawEvent Current => new(_event.WrittenMemory);

    protected override void OnReadStart()
    {
        _event.ResetWrittenCount();
        ResetEvent();
    }

    protected override void OnSplitLineFeed(ReadOnlySpan<byte> lineFeed)
    {
        // After an event's blank line it opens the next frame, so the frames still add up to the bytes that came.
        if (_lastLineKept)
        {
            _event.Write(lineFeed);
        }
    }

    protected override void OnComment(ReadOnlySpan<byte> withEnd)
    {
        _lastLineKept = _keepComments;
        if (_keepComments)
        {
            _event.Write(withEnd);
            _keptLines++;
        }
    }

    protected override void OnField(SseField field, ReadOnlySpan<byte> value, ReadOnlySpan<byte> withEnd)
    {
        if (field == SseField.Data)
        {
            // The sentinel has no line break, so only data of one line can equal it.
            _dataIsSentinel = _dataLines == 0 && _endSentinel is not null && value.SequenceEqual(_endSentinel);
            _dataLines++;
        }
        else if (field == SseField.Event)
        {
            _isMessage = value.IsEmpty || value.SequenceEqual("message"u8);
        }

        // Every field (an unknown one too) is passed on as it came, as EventSource would ignore what it does not know.
        _event.Write(withEnd);
        _keptLines++;
        _lastLineKept = true;
    }

    protected override SseRead? OnDispatch(ReadOnlySpan<byte> withEnd)
    {
        if (_keptLines == 0)
        {
            // Nothing to pass on (an empty line, or comments left out): a relay writes no empty frame.
            _event.ResetWrittenCount();
            ResetEvent();
            _lastLineKept = false;
            return null;
        }

        _event.Write(withEnd);
        _lastLineKept = true;
        return _dataLines == 1 && _dataIsSentinel && _isMessage ? SseRead.FinalEvent : SseRead.Event;
    }

    private void ResetEvent()
    {
        _keptLines = 0;
        _dataLines = 0;
        _isMessage = true;
        _dataIsSentinel = false;
    }
}
