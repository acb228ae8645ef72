using System.Buffers;
using System.Net.ServerSentEvents;
using CsCheck;

namespace SseGen.Tests.Framing;

/// <summary>Random events through our writer, read back by <see cref="SseParser"/>, must be the same events.</summary>
public sealed class SseFrameWriterPropertyTests
{
    // Pieces chosen to hit every rule: each line break, field look-alikes, a leading space, non-ASCII, a surrogate pair.
    private static readonly Gen<string> Data = Gen.OneOf(
            "a", "xyz", " ", ":", "\r", "\n", "\r\n", "\n\n", "data: x", "event: e", "id: 9", "retry: 1", "é", "日本", "😀", "\0", "\t")
        .Array[0, 12]
        .Select(pieces => string.Concat(pieces));

    private static readonly Gen<string> FieldText = Gen.OneOf("a", "tick", " ", ":", "é", "😀", "-", "0")
        .Array[0, 5]
        .Select(pieces => string.Concat(pieces));

    private static readonly Gen<Event> Events = Gen.Select(
        Data,
        Gen.Bool.Select(FieldText, (present, text) => present ? text : null),
        Gen.Bool.Select(FieldText, (present, text) => present ? text : null),
        Gen.Bool.Select(Gen.Long[0, long.MaxValue / TimeSpan.TicksPerMillisecond], (present, retry) => present ? retry : (long?)null),
        Gen.Bool,
        (data, eventType, id, retry, asUtf8) => new Event(data, eventType, id, retry, asUtf8));

    [Fact]
    public void RandomEvents_RoundTripThroughSseParser()
    {
        Events.Array[1, 8].Sample(events =>
        {
            var output = new ArrayBufferWriter<byte>();
            var writer = new SseFrameWriter(output);
            foreach (Event e in events)
            {
                if (e.AsUtf8)
                {
                    writer.WriteEvent(System.Text.Encoding.UTF8.GetBytes(e.Data), e.EventType, e.Id, e.Retry);
                }
                else
                {
                    writer.WriteEvent(e.Data, e.EventType, e.Id, e.Retry);
                }
            }

            List<SseItem<string>> parsed = SseOracle.Parse(output.WrittenSpan);

            Assert.Equal(events.Length, parsed.Count);
            for (int i = 0; i < events.Length; i++)
            {
                // SseParser reports the id and retry an event carried itself (the parser keeps the running last id).
                Event expected = events[i];
                Assert.Equal(SseOracle.NormalizeLineBreaks(expected.Data), parsed[i].Data);
                Assert.Equal(string.IsNullOrEmpty(expected.EventType) ? "message" : expected.EventType, parsed[i].EventType);
                Assert.Equal(string.IsNullOrEmpty(expected.Id) ? null : expected.Id, string.IsNullOrEmpty(parsed[i].EventId) ? null : parsed[i].EventId);
                Assert.Equal(expected.Retry is { } retry ? TimeSpan.FromMilliseconds(retry) : null, parsed[i].ReconnectionInterval);
            }

            Assert.Equal(output.WrittenCount, writer.BytesWritten);
        }, iter: 2000);
    }

    [Fact]
    public void RandomEvents_ThroughRandomChunksAndRandomReads_ParseToTheSameEvents()
    {
        // Flush after a random number of events (each flush one chunk), then let the parser read the decoded body in
        // reads of random sizes, as a network delivers it: no split may change what the events are.
        Gen.Select(Events.Array[1, 12], Gen.Int[1, 4].Array[12], Gen.Int[1, 64].Array[1, 16]).Sample((events, eventsPerFlush, readSizes) =>
        {
            var wire = new MemoryStream();
            var body = new ChunkedBodyWriter(wire, initialCapacity: 32);
            var writer = new SseFrameWriter(body);
            int sinceFlush = 0;
            int flushIndex = 0;
            foreach (Event e in events)
            {
                writer.WriteEvent(e.Data, e.EventType, e.Id, e.Retry);
                if (++sinceFlush >= eventsPerFlush[flushIndex % eventsPerFlush.Length])
                {
                    body.FlushAsync().AsTask().GetAwaiter().GetResult();
                    sinceFlush = 0;
                    flushIndex++;
                }
            }

            body.CompleteAsync().AsTask().GetAwaiter().GetResult();
            wire.Position = 0;
            byte[] decoded = [.. new StrictChunkedReader(wire).ReadToEndAsync().GetAwaiter().GetResult().SelectMany(c => c)];

            List<SseItem<string>> parsed = [.. SseParser.Create(new TrickleStream(decoded, readSizes)).Enumerate()];

            Assert.Equal(events.Select(e => SseOracle.NormalizeLineBreaks(e.Data)), parsed.Select(p => p.Data));
            Assert.Equal(events.Select(e => string.IsNullOrEmpty(e.EventType) ? "message" : e.EventType), parsed.Select(p => p.EventType));
        }, iter: 1000);
    }

    [Fact]
    public void LargeRandomData_WrittenPieceByPiece_RoundTripsLikeSmallData()
    {
        // Past the single-span limit the writer takes its piecewise path; the bytes must mean the same.
        Gen<string> largeData = Gen.OneOf("abcdefgh", "\r", "\n", "\r\n", "😀", "é", "data: x").Array[3000, 6000].Select(pieces => string.Concat(pieces));

        Gen.Select(largeData, Gen.Bool).Sample((data, asUtf8) =>
        {
            var output = new ArrayBufferWriter<byte>();
            var writer = new SseFrameWriter(output);
            if (asUtf8)
            {
                writer.WriteEvent(System.Text.Encoding.UTF8.GetBytes(data), "big", new string('i', 6000));
            }
            else
            {
                writer.WriteEvent(data, "big", new string('i', 6000));
            }

            SseItem<string> item = Assert.Single(SseOracle.Parse(output.WrittenSpan));
            Assert.Equal(SseOracle.NormalizeLineBreaks(data), item.Data);
            Assert.Equal(6000, item.EventId?.Length);
        }, iter: 50);
    }

    [Fact]
    public void RandomInvalidFields_AreRejectedBeforeAnyByteIsWritten()
    {
        Gen<string> withBreak = Gen.Select(FieldText, Gen.OneOf("\r", "\n", "\r\n"), FieldText, (a, brk, b) => a + brk + b);
        Gen<string> idWithNul = Gen.Select(FieldText, FieldText, (a, b) => a + "\0" + b);

        Gen.Select(withBreak, Gen.OneOf(withBreak, idWithNul), Data, Gen.Int[0, 2]).Sample((badType, badId, data, which) =>
        {
            var output = new ArrayBufferWriter<byte>();
            var writer = new SseFrameWriter(output);

            Assert.ThrowsAny<ArgumentException>(() =>
            {
                switch (which)
                {
                    case 0: writer.WriteEvent(data, eventType: badType); break;
                    case 1: writer.WriteEvent(data, id: badId); break;
                    default: writer.WriteItem(new SseItem<string>(data, "ok") { EventId = badId }); break;
                }
            });
            Assert.Equal(0, output.WrittenCount);
        }, iter: 500);
    }

    /// <summary>A stream that hands out its bytes in reads of the given sizes, in turn.</summary>
    private sealed class TrickleStream(byte[] bytes, int[] readSizes) : MemoryStream(bytes)
    {
        private int _read;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, readSizes[_read++ % readSizes.Length]));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, readSizes[_read++ % readSizes.Length])]);
    }

    private sealed record Event(string Data, string? EventType, string? Id, long? Retry, bool AsUtf8);
}
