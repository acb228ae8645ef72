using System.Buffers;

namespace SseGen;

/// <summary>
/// Where one event's JSON is serialized: straight into the output's memory, after the event's fields and <c>data: </c>,
/// while it fits there; aside, in a buffer of its own, from the moment it does not. It also remembers the stream's last
/// <c>event:</c> line, which JSON events mostly share.
/// </summary>
/// <remarks>
/// Nothing is advanced on the output here: the frame writer advances the whole frame once the JSON is complete and has
/// no line break in it, so JSON that fails halfway, is too large or holds a raw line break (a custom converter's) leaves
/// the output as it was and is written from the aside copy, split into <c>data:</c> lines. Most events are the first
/// kind, and are then never copied.
/// </remarks>
internal sealed class JsonFrameBuffer : IBufferWriter<byte>
{
    // Longer event types are encoded each time rather than held.
    private const int MaxRememberedField = 256;

    private ArrayBufferWriter<byte>? _aside;
    private Memory<byte> _room;
    private int _written;
    private bool _isAside;

    // The last event type written and its "event:" line, encoded: a string cannot change, so the next event of the same
    // string is neither validated nor encoded again.
    private string? _eventType;
    private byte[]? _eventField;
    private int _eventFieldLength;

    /// <summary>Whether the JSON so far is in the room it was given, not aside.</summary>
    public bool IsInRoom => !_isAside;

    /// <summary>The length of the JSON written in the room.</summary>
    public int WrittenInRoom => _written;

    /// <summary>The JSON written aside.</summary>
    public ReadOnlySpan<byte> WrittenAside => _aside!.WrittenSpan;

    /// <summary>Starts an event's JSON in <paramref name="room"/>, the output's memory after the event's <c>data: </c>.</summary>
    public void StartInRoom(Memory<byte> room)
    {
        _room = room;
        _written = 0;
        _isAside = false;
    }

    /// <summary>Starts an event's JSON aside.</summary>
    public void StartAside()
    {
        StartInRoom(default);
        _isAside = true;
        Aside.ResetWrittenCount();
    }

    /// <summary>Copies the JSON written in the room aside, where the rest of it goes.</summary>
    public void MoveAside()
    {
        if (_isAside)
        {
            return;
        }

        ArrayBufferWriter<byte> aside = Aside;
        aside.ResetWrittenCount();
        aside.Write(_room.Span[.._written]);
        StartInRoom(default);
        _isAside = true;
    }

    /// <summary>Lets go of the output's memory: after every event, written or failed.</summary>
    public void Reset()
    {
        StartInRoom(default);
        _aside?.ResetWrittenCount();
    }

    public void Advance(int count)
    {
        if (_isAside)
        {
            Aside.Advance(count);
            return;
        }

        if ((uint)count > (uint)(_room.Length - _written))
        {
            throw new InvalidOperationException($"Cannot advance by {count}: {_room.Length - _written} bytes were asked for.");
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        if (!_isAside)
        {
            if (_room.Length - _written >= Math.Max(sizeHint, 1))
            {
                return _room[_written..];
            }

            MoveAside();
        }

        return Aside.GetMemory(sizeHint);
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    /// <summary>Whether <paramref name="eventType"/> is the very string whose <c>event:</c> line was remembered last, so already validated.</summary>
    public bool IsRememberedEventType(string? eventType) => eventType is not null && ReferenceEquals(eventType, _eventType);

    /// <summary>Copies the remembered <c>event:</c> line into <paramref name="destination"/>; returns its length.</summary>
    public int CopyEventField(Span<byte> destination)
    {
        _eventField.AsSpan(0, _eventFieldLength).CopyTo(destination);
        return _eventFieldLength;
    }

    /// <summary>
    /// Remembers <paramref name="eventType"/>'s validated, encoded <c>event:</c> line (empty when it writes none). A null
    /// or long event type is not remembered and leaves the line remembered before it as it was: still that string's.
    /// </summary>
    public void RememberEventField(string? eventType, ReadOnlySpan<byte> field)
    {
        if (eventType is null || field.Length > MaxRememberedField)
        {
            return;
        }

        if (_eventField is null || _eventField.Length < field.Length)
        {
            _eventField = new byte[Math.Max(32, field.Length)];
        }

        field.CopyTo(_eventField);
        _eventFieldLength = field.Length;
        _eventType = eventType;
    }

    private ArrayBufferWriter<byte> Aside => _aside ??= new ArrayBufferWriter<byte>(256);
}
