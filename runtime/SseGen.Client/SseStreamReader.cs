using System.Buffers.Text;
using System.Text;

namespace SseGen.Client;

/// <summary>What reading one connection's body gave.</summary>
internal enum SseRead
{
    /// <summary>An event to hand on: <see cref="SseStreamReader{TEvent}.Current"/>.</summary>
    Event,

    /// <summary>An event whose type the reader does not know: skipped and counted, not handed on.</summary>
    Skipped,

    /// <summary>The end sentinel, handed on as <see cref="SseStreamReader{TEvent}.Current"/> (a relay passes it on): then the stream is over.</summary>
    FinalEvent,

    /// <summary>The end sentinel, not an item: the stream is over.</summary>
    End,

    /// <summary>The body ended (an event it cut off is dropped); whether to reconnect is the client's call.</summary>
    EndOfBody,
}

/// <summary>The field a line sets, once <c>id</c> and <c>retry</c> are taken in: an ignored <c>id</c> or <c>retry</c> is <see cref="Other"/>.</summary>
internal enum SseField
{
    Data,
    Event,
    Id,
    Retry,
    Other,
}

/// <summary>
/// Reads one connection's body as events, after the WHATWG event-stream interpretation: lines split by
/// <see cref="SseLineReader"/>, comments, fields, and the blank line that dispatches an event. What every reader needs is
/// here: the <c>id</c> field (the spec's last event ID buffer, taken as the last event id at each dispatch) and
/// <c>retry</c>, so the client can resume; what an event becomes is the derived reader's.
/// </summary>
/// <typeparam name="TEvent">What each event is handed on as.</typeparam>
internal abstract class SseStreamReader<TEvent> : IDisposable
{
    private readonly SseLineReader _lines;

    // Kept as bytes and decoded only when asked for, so ids cost nothing per event.
    private byte[] _pendingId = [];
    private int _pendingIdLength = -1;
    private byte[] _dispatchedId = [];
    private int _dispatchedIdLength = -1;

    protected SseStreamReader(Stream body) => _lines = new SseLineReader(body);

    /// <summary>The last event handed out by <see cref="ReadAsync"/>: valid until the next call.</summary>
    public abstract TEvent Current { get; }

    /// <summary>The type of the last event <see cref="SseRead.Skipped"/>, for the log.</summary>
    public string SkippedEventType { get; protected set; } = string.Empty;

    /// <summary>The server's last valid <c>retry:</c> on this connection, or <see langword="null"/> when it sent none.</summary>
    public TimeSpan? Retry { get; private set; }

    /// <summary>Whether a blank line on this connection dispatched an id (see <see cref="DispatchedId"/>).</summary>
    public bool HasDispatchedId => _dispatchedIdLength >= 0;

    /// <summary>The last event id as of the last dispatch, decoded when asked for; empty when the server reset it.</summary>
    public string DispatchedId => Encoding.UTF8.GetString(_dispatchedId, 0, Math.Max(_dispatchedIdLength, 0));

    /// <summary>The value of the last valid <c>id</c> field read, whether or not its event has been dispatched yet.</summary>
    protected ReadOnlySpan<byte> PendingId => _pendingId.AsSpan(0, Math.Max(_pendingIdLength, 0));

    /// <summary>Reads up to the next event to hand on, the end sentinel, or the end of the body.</summary>
    public ValueTask<SseRead> ReadAsync(CancellationToken cancellationToken)
    {
        OnReadStart();

        // Most events are already in the buffer: hand them out without an async state machine.
        return ReadBuffered() is { } read ? new ValueTask<SseRead>(read) : ReadMoreAsync(cancellationToken);
    }

    public void Dispose() => _lines.Dispose();

    /// <summary>Called once per <see cref="ReadAsync"/>, before any line: the previous event may be let go.</summary>
    protected virtual void OnReadStart()
    {
    }

    /// <summary>Takes a comment line (with its line end).</summary>
    protected virtual void OnComment(ReadOnlySpan<byte> withEnd)
    {
    }

    /// <summary>Takes the LF of a CRLF split across reads, which belongs to the line before.</summary>
    protected virtual void OnSplitLineFeed(ReadOnlySpan<byte> lineFeed)
    {
    }

    /// <summary>Takes a field line; <c>id</c> and <c>retry</c> have been applied already.</summary>
    protected abstract void OnField(SseField field, ReadOnlySpan<byte> value, ReadOnlySpan<byte> withEnd);

    /// <summary>Takes the blank line that ends an event: what to hand out, or <see langword="null"/> for nothing (no data, say).</summary>
    protected abstract SseRead? OnDispatch(ReadOnlySpan<byte> withEnd);

    private static void Store(ReadOnlySpan<byte> value, ref byte[] target, ref int length)
    {
        if (target.Length < value.Length)
        {
            target = new byte[Math.Max(value.Length, 32)];
        }

        value.CopyTo(target);
        length = value.Length;
    }

    private async ValueTask<SseRead> ReadMoreAsync(CancellationToken cancellationToken)
    {
        while (await _lines.FillAsync(cancellationToken).ConfigureAwait(false))
        {
            if (ReadBuffered() is { } read)
            {
                return read;
            }
        }

        return SseRead.EndOfBody;
    }

    /// <summary>Works through the lines already read; <see langword="null"/> when they end before an event does.</summary>
    private SseRead? ReadBuffered()
    {
        while (true)
        {
            switch (_lines.TryReadLine(out ReadOnlySpan<byte> text, out ReadOnlySpan<byte> withEnd))
            {
                case SseLine.NeedMore:
                    return null;
                case SseLine.SplitLineFeed:
                    OnSplitLineFeed(withEnd);
                    continue;
            }

            if (text.IsEmpty)
            {
                // As the spec's dispatch: the last event ID buffer becomes the last event id, whether or not the event has data.
                if (_pendingIdLength >= 0)
                {
                    Store(_pendingId.AsSpan(0, _pendingIdLength), ref _dispatchedId, ref _dispatchedIdLength);
                }

                if (OnDispatch(withEnd) is { } read)
                {
                    return read;
                }

                continue;
            }

            if (text[0] == ':')
            {
                OnComment(withEnd);
                continue;
            }

            int colon = text.IndexOf((byte)':');
            ReadOnlySpan<byte> name = colon < 0 ? text : text[..colon];
            ReadOnlySpan<byte> value = colon < 0 ? ReadOnlySpan<byte>.Empty : text[(colon + 1)..];
            if (!value.IsEmpty && value[0] == ' ')
            {
                value = value[1..];
            }

            OnField(Field(name, value), value, withEnd);
        }
    }

    /// <summary>Names the field, applying <c>id</c> (unless it holds a NUL) and <c>retry</c> (only ASCII digits, within <see cref="TimeSpan"/>) on the way.</summary>
    private SseField Field(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (name.SequenceEqual("data"u8))
        {
            return SseField.Data;
        }

        if (name.SequenceEqual("event"u8))
        {
            return SseField.Event;
        }

        if (name.SequenceEqual("id"u8))
        {
            if (value.IndexOf((byte)0) >= 0)
            {
                return SseField.Other;
            }

            Store(value, ref _pendingId, ref _pendingIdLength);
            return SseField.Id;
        }

        if (name.SequenceEqual("retry"u8)
            && !value.IsEmpty
            && value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0
            && Utf8Parser.TryParse(value, out long milliseconds, out int consumed)
            && consumed == value.Length
            && milliseconds <= TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerMillisecond) // as SseParser: a time TimeSpan cannot hold is ignored
        {
            Retry = TimeSpan.FromMilliseconds(milliseconds);
            return SseField.Retry;
        }

        return SseField.Other;
    }
}
