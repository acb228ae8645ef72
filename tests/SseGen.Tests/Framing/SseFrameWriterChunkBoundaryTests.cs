using System.Buffers;
using System.Text;
using CsCheck;

namespace SseGen.Tests.Framing;

/// <summary>
/// A large event is written a line at a time, and a line longer than the writer's 16 KB burst a piece at a time, one
/// piece per span the output gives. Whatever the pieces, a surrogate pair or a CRLF cut by a piece's end must come out as
/// if the data had been written in one go: the pair as its one character, a lone surrogate as U+FFFD, the CRLF as one
/// line break.
/// </summary>
public sealed class SseFrameWriterChunkBoundaryTests
{
    private const int SixteenKilobytes = 16 * 1024;

    // Pieces that can straddle a chunk's end: a pair, lone halves of one, CR before LF; plus ASCII and 2-byte text.
    private static readonly Gen<string> Piece = Gen.OneOf(
        Gen.Const("😀"), Gen.Const("\uD83D"), Gen.Const("\uDE00"), Gen.Const("\r\n"), Gen.Const("\r"), Gen.Const("\n"),
        Gen.Const("x"), Gen.Const(" "), Gen.Const("é"), Gen.String[Gen.Char['a', 'z'], 1, 60]);

    [Fact]
    public void LargeEvents_ThroughSpansOfRandomSize_AreWrittenAsIfInOneGo()
    {
        // Past the one-span bound (16 KB at 7 bytes per char), so the data is written line by line.
        Gen<string> data = Piece.Array[300, 600].Select(pieces => string.Concat(pieces)).Where(d => d.Length > 2_400);

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

    // By name: xunit would give the lone surrogates one test id, as both serialize to the same invalid text.
    private static readonly Dictionary<string, string> Straddling = new()
    {
        ["pair"] = "😀",
        ["lone high surrogate"] = "\uD83D",
        ["lone low surrogate"] = "\uDE00",
        ["high surrogate before a pair"] = "\uD83D\uD83D\uDE00",
        ["2-byte"] = "é",
        ["3-byte"] = "日本",
        ["CRLF"] = "\r\n",
    };

    public static TheoryData<string> StraddlingNames => [.. Straddling.Keys];

    [Theory]
    [MemberData(nameof(StraddlingNames))]
    public void LongLine_TextAtEveryOffsetAcrossThePieceEnd_IsWrittenAsIfInOneGo(string name)
    {
        string straddling = Straddling[name];
        // The first piece of a line past 16 KB ends at its 16,384th byte: these offsets put the text across that end.
        for (int offset = SixteenKilobytes - 8; offset <= SixteenKilobytes + 1; offset++)
        {
            string text = new string('y', offset) + straddling + new string('z', 20);
            var output = new StingyBufferWriter(random: null);

            new SseFrameWriter(output).WriteEvent(text);

            Assert.Equal(Expected(text), Encoding.UTF8.GetString(output.Written));
        }
    }

    [Fact]
    public void LongLines_ThroughSpansOfRandomSize_AreWrittenAsIfInOneGo()
    {
        // Lines of 16 KB and more, of 1-, 2-, 3- and 4-byte characters, joined by pieces that can straddle a piece's end.
        Gen<string> run = Gen.Select(Gen.OneOf(Gen.Const("y"), Gen.Const("é"), Gen.Const("日"), Gen.Const("😀")), Gen.Int[4_000, 17_000], (c, n) => string.Concat(Enumerable.Repeat(c, n)));
        Gen<string> data = Gen.Select(run, Piece, run, (a, piece, b) => a + piece + b);

        Gen.Select(data, Gen.Int, Gen.Bool).Sample((text, seed, asUtf8) =>
        {
            var output = new StingyBufferWriter(new Random(seed));
            var writer = new SseFrameWriter(output);

            if (asUtf8)
            {
                writer.WriteEvent(Encoding.UTF8.GetBytes(text), eventType: "long");
            }
            else
            {
                writer.WriteEvent(text, eventType: "long");
            }

            Assert.Equal("event: long\n" + Expected(text), Encoding.UTF8.GetString(output.Written));
            Assert.Equal(output.Written.Length, writer.BytesWritten);
        }, iter: 100);
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
