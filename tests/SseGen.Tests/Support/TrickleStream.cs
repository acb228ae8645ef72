namespace SseGen.Tests;

/// <summary>A body that arrives at most <c>readSize</c> bytes per read, so every line end and BOM falls across reads somewhere.</summary>
internal sealed class TrickleStream(byte[] bytes, int readSize) : ReadOnlyTestStream
{
    private int _position;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(Math.Min(buffer.Length, readSize), bytes.Length - _position);
        bytes.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));
}
