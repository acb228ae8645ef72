using System.Buffers;
using System.Text;
using CsCheck;

namespace SseGen.Tests;

/// <summary>
/// A large event is transcoded and split a piece at a time, one piece per span the output gives. Whatever the pieces,
/// a surrogate pair or a CRLF cut by a piece's end must come out as if the data had been written in one go: the pair as
/// its one character, a lone surrogate as U+FFFD, the CRLF as one line break.
/// </summary>
public sealed class SseFrameWriterChunkBoundaryTests
{
    // Pieces that can straddle a chunk's end: a pair, lone halves of one, CR before LF; plus ASCII and 2-byte text.
    private static readonly Gen<string> Piece = Gen.OneOf(
        Gen.Const("😀"), Gen.Const("\uD83D"), Gen.Const("\uDE00"), Gen.Const("\r\n"), Gen.Const("\r"), Gen.Const("\n"),
        Gen.Const("x"), Gen.Const(" "), Gen.Const("é"), Gen.String[Gen.Char['a', 'z'], 1, 60]);

    [Fact]
    public void LargeEvents_ThroughSpansOfRandomSize_AreWrittenAsIfInOneGo()
    {
        // Past the one-span bound (16 KB at 9 bytes per char), so the data is written piece by piece.
        Gen<string> data = Piece.Array[300, 600].Select(pieces => string.Concat(pieces)).Where(d => d.Length > 2_000);

        Gen.Select(data, Gen.Int, Gen.Bool).Sample((text, seed, asUtf8) =>
        {
            var output = new StingyBufferWriter(new Random(seed));
            var writer = new SseFrameWriter(output);

            if (asUtf8)
            {
                writer.WriteEvent(Encoding.UTF8.GetBytes(text));
            }
            else
            {
                writer.WriteEvent(text);
            }

            Assert.Equal(Expected(text), Encoding.UTF8.GetString(output.Written));
            Assert.Equal(output.Written.Length, writer.BytesWritten);
        }, iter: 300);
    }

    [Fact]
    public void LargeEvent_SurrogatePairAtEveryOffset_StaysOnePair()
    {
        // Every offset of the pair within the first spans, so one of them puts it across a chunk's end.
        for (int offset = 0; offset < 200; offset++)
        {
            string text = new string('y', offset) + "😀" + new string('z', 2_500);
            var output = new StingyBufferWriter(random: null);

            new SseFrameWriter(output).WriteEvent(text);

            Assert.Equal("data: " + text + "\n\n", Encoding.UTF8.GetString(output.Written));
        }
    }

    // Encoding.UTF8 replaces each lone surrogate with U+FFFD, as the writer must.
    private static string Expected(string text) =>
        string.Concat(text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Select(line => "data: " + Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(line)) + "\n")) + "\n";

    /// <summary>Gives spans of the size asked for, or a little more, never the rest of a large buffer.</summary>
    private sealed class StingyBufferWriter(Random? random) : IBufferWriter<byte>
    {
        private readonly ArrayBufferWriter<byte> _inner = new();

        public byte[] Written => _inner.WrittenSpan.ToArray();

        public void Advance(int count) => _inner.Advance(count);

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            int size = Size(sizeHint);
            return _inner.GetMemory(size)[..size];
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            int size = Size(sizeHint);
            return _inner.GetSpan(size)[..size];
        }

        private int Size(int sizeHint) => Math.Max(sizeHint, 1) + (random?.Next(0, 64) ?? 0);
    }
}
