using System.Buffers;
using System.Net.ServerSentEvents;
using System.Text;

namespace SseGen.Client;

/// <summary>
/// Reads one connection's body as typed events: each event's data (its lines joined with LF) and type go to the
/// <see cref="SseEventReader{T}"/>, straight from the reader's buffers. Per event it allocates only what the reader makes
/// of the data: the event type's string is kept while the type stays the same, and ids are decoded only for callers who
/// asked for items with ids (<see cref="SseItemReader{T}"/>).
/// </summary>
/// <typeparam name="T">What each known event becomes.</typeparam>
/// <typeparam name="TEvent">What each event is handed on as: the value, or the value with its type and id.</typeparam>
internal abstract class SseTypedReader<T, TEvent> : SseStreamReader<TEvent>
{
    private const string MessageType = "message";

    private readonly SseEventReader<T> _read;
    private readonly byte[]? _endSentinel;
    private readonly ArrayBufferWriter<byte> _data = new(256);
    private int _dataLines;

    // The event type buffer, and the string of the last type dispatched with the bytes it came from.
    private byte[] _type = new byte[32];
    private int _typeLength;
    private byte[] _lastType = [];
    private string _lastTypeString = MessageType;

    protected SseTypedReader(Stream body, SseEventReader<T> read, byte[]? endSentinel)
        : base(body)
    {
        _read = read;
        _endSentinel = endSentinel;
    }

    /// <summary>The value of the last event handed out.</summary>
    protected T Value { get; private set; } = default!;

    /// <summary>Whether an <c>id</c> field came since the last event handed out or skipped (it is that event's id).</summary>
    protected bool IdSinceLastEvent { get; private set; }

    /// <summary>Whether a valid <c>retry</c> field came since the last event handed out or skipped.</summary>
    protected bool RetrySinceLastEvent { get; private set; }

    protected override void OnField(SseField field, ReadOnlySpan<byte> value, ReadOnlySpan<byte> withEnd)
    {
        switch (field)
        {
            case SseField.Data:
                if (_dataLines++ > 0)
                {
                    _data.Write("\n"u8);
                }

                _data.Write(value);
                break;
            case SseField.Event:
                if (_type.Length < value.Length)
                {
                    _type = new byte[value.Length];
                }

                value.CopyTo(_type);
                _typeLength = value.Length;
                break;
            case SseField.Id:
                IdSinceLastEvent = true;
                break;
            case SseField.Retry:
                RetrySinceLastEvent = true;
                break;
        }
    }

    protected override SseRead? OnDispatch(ReadOnlySpan<byte> withEnd)
    {
        try
        {
            if (_dataLines == 0)
            {
                // As the spec: no data, no event; its type goes with it (its id and retry were taken in already).
                return null;
            }

            string eventType = TypeString(_type.AsSpan(0, _typeLength));
            ReadOnlySpan<byte> data = _data.WrittenSpan;

            // Before the reader: the sentinel is not an item (often not even JSON), and it is only ever a message event.
            if (_endSentinel is not null && ReferenceEquals(eventType, MessageType) && data.SequenceEqual(_endSentinel))
            {
                return SseRead.End;
            }

            bool known = _read(eventType, data, out T value);
            Value = value;
            OnEvent(eventType);
            IdSinceLastEvent = false;
            RetrySinceLastEvent = false;
            if (!known)
            {
                SkippedEventType = eventType;
                return SseRead.Skipped;
            }

            return SseRead.Event;
        }
        finally
        {
            if (_dataLines > 0)
            {
                _data.ResetWrittenCount();
                _dataLines = 0;
            }

            _typeLength = 0;
        }
    }

    /// <summary>Takes what else the handed-out event carries, before the next one is read.</summary>
    protected virtual void OnEvent(string eventType)
    {
    }

    /// <summary>The type's string: <c>message</c> for none, else the last one's while the bytes are the same, so a stream of one type decodes it once.</summary>
    private string TypeString(ReadOnlySpan<byte> type)
    {
        if (type.IsEmpty || type.SequenceEqual("message"u8))
        {
            return MessageType;
        }

        if (!type.SequenceEqual(_lastType))
        {
            _lastType = type.ToArray();
            _lastTypeString = Encoding.UTF8.GetString(type);
        }

        return _lastTypeString;
    }
}

/// <summary>Reads typed events as their values alone, for contract methods that return <c>IAsyncEnumerable&lt;T&gt;</c>: no id is decoded.</summary>
/// <typeparam name="T">What each known event becomes.</typeparam>
internal sealed class SseDataReader<T>(Stream body, SseEventReader<T> read, byte[]? endSentinel)
    : SseTypedReader<T, T>(body, read, endSentinel)
{
    /// <inheritdoc />
    public override T Current => Value;
}

/// <summary>Reads typed events as <see cref="SseItem{T}"/>s with their types, ids and <c>retry</c>, as <see cref="SseParser"/> reports them.</summary>
/// <typeparam name="T">What each known event becomes.</typeparam>
internal sealed class SseItemReader<T>(Stream body, SseEventReader<T> read, byte[]? endSentinel)
    : SseTypedReader<T, SseItem<T>>(body, read, endSentinel)
{
    private SseItem<T> _current;

    /// <inheritdoc />
    public override SseItem<T> Current => _current;

    protected override void OnEvent(string eventType)
    {
        // As SseParser: an event's id is the id field that came since the last event (one without data passes it on),
        // and its reconnection interval is set only by a retry field of its own.
        _current = new SseItem<T>(Value, eventType)
        {
            EventId = IdSinceLastEvent ? Encoding.UTF8.GetString(PendingId) : null,
            ReconnectionInterval = RetrySinceLastEvent ? Retry : null,
        };
    }
}
