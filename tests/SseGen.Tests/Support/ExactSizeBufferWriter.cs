using System.Buffers;

namespace SseGen.Tests;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> that lends exactly the size asked for (one byte for a hint of zero), as the contract
/// allows, where <see cref="ArrayBufferWriter{T}"/> lends spare room: a writer that under-estimates what it needs fails here.
/// </summary>
internal sealed class ExactSizeBufferWriter : IBufferWriter<byte>
{
    // What the lent spans hold before they are written: a byte the frames never contain, so stray bytes show.
    private const byte Unwritten = 0xFF;

    private readonly ArrayBufferWriter<byte> _written = new();
    private byte[] _lent = [];

    public ReadOnlySpan<byte> WrittenSpan => _written.WrittenSpan;

    public void Advance(int count)
    {
        if (count < 0 || count > _lent.Length)
        {
            throw new InvalidOperationException($"Advanced {count} bytes past a span of {_lent.Length}.");
        }

        _written.Write(_lent.AsSpan(0, count));
        _lent = [];
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        _lent = new byte[Math.Max(sizeHint, 1)];
        _lent.AsSpan().Fill(Unwritten);
        return _lent;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
}
