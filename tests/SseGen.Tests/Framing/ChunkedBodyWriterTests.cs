using System.Buffers;
using System.Text;
using CsCheck;

namespace SseGen.Tests.Framing;

public sealed class ChunkedBodyWriterTests
{
    [Fact]
    public async Task EachFlush_BecomesExactlyOneChunk_AndCompleteWritesTheTerminator()
    {
        var wire = new MemoryStream();
        var body = new ChunkedBodyWriter(wire);

        body.Write("first"u8);
        await body.FlushAsync(TestContext.Current.CancellationToken);
        body.Write("sec"u8);
        body.Write("ond"u8);
        await body.FlushAsync(TestContext.Current.CancellationToken);
        await body.CompleteAsync(TestContext.Current.CancellationToken);

        Assert.Equal("5\r\nfirst\r\n6\r\nsecond\r\n0\r\n\r\n", Encoding.ASCII.GetString(wire.ToArray()));
    }

    [Fact]
    public async Task EmptyFlush_WritesNothing_SoTheBodyDoesNotEndEarly()
    {
        var wire = new MemoryStream();
        var body = new ChunkedBodyWriter(wire);

        await body.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, wire.Length);
    }

    [Fact]
    public async Task WriteAfterComplete_Throws()
    {
        var body = new ChunkedBodyWriter(new MemoryStream());
        await body.CompleteAsync(TestContext.Current.CancellationToken);

        Assert.Throws<InvalidOperationException>(() => body.GetSpan());
    }

    [Fact]
    public async Task Dispose_WithoutComplete_EndsTheBodyWithTheTerminator()
    {
        var wire = new MemoryStream();
        await using (var body = new ChunkedBodyWriter(wire))
        {
            body.Write("x"u8);
        }

        Assert.Equal("1\r\nx\r\n0\r\n\r\n", Encoding.ASCII.GetString(wire.ToArray()));
    }

    [Fact]
    public void RandomWritesAndFlushes_DecodeStrictly_ToTheSameBytes_OneChunkPerNonEmptyFlush()
    {
        // A flush is a list of writes; sizes cross the initial buffer so the writer has to grow.
        Gen<byte[]> write = Gen.Int[0, 9000].SelectMany(size => Gen.Byte.Array[size]);
        Gen<byte[][]> flush = write.Array[0, 4];

        flush.Array[0, 6].Sample(flushes =>
        {
            var wire = new MemoryStream();
            var body = new ChunkedBodyWriter(wire, initialCapacity: 64);
            var expectedChunks = new List<byte[]>();
            foreach (byte[][] writes in flushes)
            {
                foreach (byte[] bytes in writes)
                {
                    body.Write(bytes);
                }

                byte[] flushed = [.. writes.SelectMany(w => w)];
                if (flushed.Length > 0)
                {
                    expectedChunks.Add(flushed);
                }

                body.FlushAsync().AsTask().GetAwaiter().GetResult();
            }

            body.CompleteAsync().AsTask().GetAwaiter().GetResult();

            wire.Position = 0;
            List<byte[]> chunks = new StrictChunkedReader(wire).ReadToEndAsync().GetAwaiter().GetResult();
            Assert.Equal(wire.Length, wire.Position);
            Assert.Equal(expectedChunks.Count, chunks.Count);
            for (int i = 0; i < chunks.Count; i++)
            {
                Assert.True(expectedChunks[i].AsSpan().SequenceEqual(chunks[i]), $"chunk {i} differs");
            }
        }, iter: 300);
    }

    [Fact]
    public async Task SseFramesThroughChunkedWriter_ReadBackBySseParser()
    {
        var wire = new MemoryStream();
        var body = new ChunkedBodyWriter(wire);
        var frames = new SseFrameWriter(body);
        for (int i = 0; i < 3; i++)
        {
            frames.WriteEvent($"event {i}\nline two", eventType: "tick", id: i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await body.FlushAsync(TestContext.Current.CancellationToken);
        }

        await body.CompleteAsync(TestContext.Current.CancellationToken);

        wire.Position = 0;
        List<byte[]> chunks = await new StrictChunkedReader(wire).ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, chunks.Count);
        var items = SseOracle.Parse(chunks.SelectMany(c => c).ToArray());
        Assert.Equal(["event 0\nline two", "event 1\nline two", "event 2\nline two"], items.Select(i => i.Data));
        Assert.Equal(["0", "1", "2"], items.Select(i => i.EventId));
    }

    [Fact]
    public void HttpHead_IsChunked_AndNeverCloseDelimited()
    {
        string head = Encoding.ASCII.GetString(SseHttpHead.Utf8);

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: text/event-stream\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nTransfer-Encoding: chunked\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nCache-Control: no-cache, no-transform\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nX-Accel-Buffering: no\r\n", head, StringComparison.Ordinal);
        Assert.DoesNotContain("Connection:", head, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Content-Length:", head, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("\r\n\r\n", head, StringComparison.Ordinal);
    }
}
