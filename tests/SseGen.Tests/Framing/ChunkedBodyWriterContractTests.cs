using System.Buffers;
using System.Text;
using CsCheck;

namespace SseGen.Tests.Framing;

/// <summary>
/// <see cref="ChunkedBodyWriter"/> as an <see cref="System.Buffers.IBufferWriter{T}"/> and as the end of a body: its
/// guard clauses, the room it lends, that each flush reaches the connection, and that the body ends exactly once.
/// </summary>
public sealed class ChunkedBodyWriterContractTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>("stream", () => new ChunkedBodyWriter(null!));
        Assert.Throws<ArgumentOutOfRangeException>("initialCapacity", () => new ChunkedBodyWriter(new MemoryStream(), initialCapacity: 0));
        Assert.Throws<ArgumentOutOfRangeException>("initialCapacity", () => new ChunkedBodyWriter(new MemoryStream(), initialCapacity: -1));
    }

    [Fact]
    public async Task Advance_TheWholeLentSpan_SendsItAsOneChunk()
    {
        var wire = new MemoryStream();
        var body = new ChunkedBodyWriter(wire, initialCapacity: 16);

        Span<byte> span = body.GetSpan();
        span.Fill((byte)'a');
        body.Advance(span.Length);
        int length = span.Length;
        await body.FlushAsync(Token);

        Assert.Equal($"{length:X}\r\n{new string('a', length)}\r\n", Encoding.ASCII.GetString(wire.ToArray()));
    }

    [Fact]
    public void Advance_PastTheLentSpan_Throws()
    {
        var body = new ChunkedBodyWriter(new MemoryStream(), initialCapacity: 16);

        int length = body.GetSpan().Length;

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => body.Advance(length + 1));
        Assert.Equal("Cannot advance past the end of the buffer that was handed out.", error.Message);
        Assert.Equal(0, body.PendingBytes);
    }

    [Fact]
    public void GetSpan_EveryHintUpTo5000_OnAFreshOrPartlyFilledWriter_LendsAtLeastTheHint()
    {
        // Every hint, not a sample: the pool rounds rents up to a power of two, so a growth a few bytes short only shows
        // for the hints that land just past one.
        for (int filled = 0; filled <= 3; filled++)
        {
            for (int hint = 1; hint <= 5_000; hint++)
            {
                var body = new ChunkedBodyWriter(Stream.Null, initialCapacity: 16);
                body.Advance(filled);
                int lent = body.GetSpan(hint).Length;
                Assert.True(lent >= hint, $"lent {lent} bytes for a hint of {hint} after {filled} pending");
            }
        }
    }

    [Fact]
    public void Advance_Negative_Throws()
    {
        var body = new ChunkedBodyWriter(new MemoryStream());

        Assert.Throws<ArgumentOutOfRangeException>("count", () => body.Advance(-1));
    }

    [Fact]
    public void GetSpan_NegativeHint_Throws()
    {
        var body = new ChunkedBodyWriter(new MemoryStream());

        Assert.Throws<ArgumentOutOfRangeException>("sizeHint", () => body.GetSpan(-1));
        Assert.Throws<ArgumentOutOfRangeException>("sizeHint", () => body.GetMemory(-1));
    }

    [Fact]
    public void GetSpan_ZeroHintOnAFullBuffer_StillLendsRoom()
    {
        var body = new ChunkedBodyWriter(new MemoryStream(), initialCapacity: 16);
        body.Advance(body.GetSpan().Length);

        // IBufferWriter's contract: a hint of zero asks for some room, never for none.
        Assert.False(body.GetSpan(0).IsEmpty);
        Assert.False(body.GetMemory(0).IsEmpty);
    }

    [Fact]
    public async Task GetMemory_GrowingPastTheBuffer_KeepsWhatWasPending()
    {
        var wire = new MemoryStream();
        var body = new ChunkedBodyWriter(wire, initialCapacity: 16);
        body.Write("abc"u8);

        Memory<byte> memory = body.GetMemory(1_000);
        Assert.True(memory.Length >= 1_000);
        memory.Span[..1_000].Fill((byte)'z');
        body.Advance(1_000);
        await body.FlushAsync(Token);

        Assert.Equal($"3EB\r\nabc{new string('z', 1_000)}\r\n", Encoding.ASCII.GetString(wire.ToArray()));
    }

    [Fact]
    public void RandomHintsAndAdvances_EveryLentSpanHoldsTheHint_AndTheChunkHoldsEveryByte()
    {
        // Hints cross the buffer's size by a few bytes either way, where a growth off by the trailer would lend too little.
        Gen<(int Hint, int Used)> step = Gen.Int[0, 5_000].SelectMany(hint => Gen.Int[0, Math.Max(hint, 1)].Select(used => (hint, used)));

        Gen.Int[1, 64].Select(step.Array[1, 12]).Sample((capacity, steps) =>
        {
            var wire = new MemoryStream();
            var body = new ChunkedBodyWriter(wire, capacity);
            var expected = new List<byte>();
            byte next = 0;
            foreach ((int hint, int used) in steps)
            {
                Span<byte> span = body.GetSpan(hint);
                Assert.True(span.Length >= Math.Max(hint, 1), $"lent {span.Length} bytes for a hint of {hint}");
                for (int i = 0; i < used; i++)
                {
                    span[i] = next;
                    expected.Add(next++);
                }

                body.Advance(used);
            }

            body.FlushAsync().AsTask().GetAwaiter().GetResult();
            if (expected.Count == 0)
            {
                Assert.Equal(0, wire.Length);
                return;
            }

            wire.Position = 0;
            Assert.Equal(expected, new StrictChunkedReader(wire).ReadChunkAsync().GetAwaiter().GetResult());
        }, iter: 300);
    }

    [Fact]
    public async Task PendingBytes_CountsWhatTheNextFlushSends()
    {
        var body = new ChunkedBodyWriter(new MemoryStream());
        Assert.Equal(0, body.PendingBytes);

        body.Write("hello"u8);
        Assert.Equal(5, body.PendingBytes);

        await body.FlushAsync(Token);
        Assert.Equal(0, body.PendingBytes);
    }

    [Fact]
    public async Task FlushAndComplete_ReachTheConnection_NotOnlyItsBuffer()
    {
        // A buffered stream holds bytes until flushed: each event must leave for the client when flushed.
        var wire = new MemoryStream();
        var buffered = new BufferedStream(wire, bufferSize: 64 * 1024);
        var body = new ChunkedBodyWriter(buffered);

        body.Write("x"u8);
        await body.FlushAsync(Token);
        Assert.Equal("1\r\nx\r\n", Encoding.ASCII.GetString(wire.ToArray()));

        await body.CompleteAsync(Token);
        Assert.Equal("1\r\nx\r\n0\r\n\r\n", Encoding.ASCII.GetString(wire.ToArray()));
    }

    [Fact]
    public async Task AfterComplete_NothingMoreCanBeWrittenOrEnded()
    {
        var wire = new MemoryStream();
        var body = new ChunkedBodyWriter(wire);
        await body.CompleteAsync(Token);

        await Assert.ThrowsAsync<InvalidOperationException>(() => body.FlushAsync(Token).AsTask());
        await Assert.ThrowsAsync<InvalidOperationException>(() => body.CompleteAsync(Token).AsTask());
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => body.GetMemory());
        Assert.Equal("The chunked body has been completed; nothing more can be written.", error.Message);
        Assert.Equal("0\r\n\r\n", Encoding.ASCII.GetString(wire.ToArray()));
    }

    [Fact]
    public async Task Dispose_AfterComplete_DoesNotEndTheBodyTwice()
    {
        var wire = new MemoryStream();
        var body = new ChunkedBodyWriter(wire);
        body.Write("x"u8);
        await body.CompleteAsync(Token);

        await body.DisposeAsync();

        Assert.Equal("1\r\nx\r\n0\r\n\r\n", Encoding.ASCII.GetString(wire.ToArray()));
    }

    [Fact]
    public async Task Dispose_PeerGone_IsNotAnError_AndTheWriterIsClosed()
    {
        var body = new ChunkedBodyWriter(new BrokenStream(new IOException("connection reset")));
        body.Write("x"u8);

        await body.DisposeAsync();

        Assert.Throws<InvalidOperationException>(() => body.GetSpan());
    }

    [Fact]
    public async Task Dispose_StreamAlreadyDisposed_IsNotAnError()
    {
        var wire = new MemoryStream();
        var body = new ChunkedBodyWriter(wire);
        body.Write("x"u8);
        await wire.DisposeAsync();

        await body.DisposeAsync();

        Assert.Throws<InvalidOperationException>(() => body.GetSpan());
    }

    [Fact]
    public async Task Dispose_UnexpectedFailure_IsNotSwallowed()
    {
        var body = new ChunkedBodyWriter(new BrokenStream(new NotSupportedException("not writable")));
        body.Write("x"u8);

        await Assert.ThrowsAsync<NotSupportedException>(() => body.DisposeAsync().AsTask());
    }

    [Fact]
    public async Task HttpHead_WriteAsync_WritesExactlyTheHead()
    {
        var wire = new MemoryStream();

        await SseHttpHead.WriteAsync(wire, Token);

        Assert.Equal(SseHttpHead.Utf8.ToArray(), wire.ToArray());
    }

    [Fact]
    public async Task HttpHead_WriteAsync_NullStream_Throws() =>
        await Assert.ThrowsAsync<ArgumentNullException>("stream", () => SseHttpHead.WriteAsync(null!, Token).AsTask());

    private sealed class BrokenStream(Exception failure) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => throw failure;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw failure;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromException(failure);
    }
}
