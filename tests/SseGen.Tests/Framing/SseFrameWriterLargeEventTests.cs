using System.Buffers;
using System.Text;
using CsCheck;

namespace SseGen.Tests.Framing;

/// <summary>
/// Events too large for one span take the writer's piecewise path; it must write exactly the bytes the one-span path
/// would, above all the space after <c>data:</c>, without which a value's own leading space would be eaten by the client.
/// </summary>
public sealed class SseFrameWriterLargeEventTests
{
    // The writer switches paths on an upper bound of the event's size (7 bytes per char at most), not on its real
    // size; data of this many chars is past the bound, and 16 KB of data is past any bound.
    private const int PastTheBound = 2_400;
    private const int SixteenKilobytes = 16 * 1024;

    [Theory]
    [InlineData(PastTheBound)]
    [InlineData(SixteenKilobytes + 1)]
    [InlineData(100_000)]
    public void LargeStringEvent_LinesStartingWithASpace_KeepThatSpace(int size)
    {
        string data = " " + new string('y', size) + "\n x\r\n  two\r   three";

        string written = Write(writer => writer.WriteEvent(data));

        Assert.Equal("data:  " + new string('y', size) + "\ndata:  x\ndata:   two\ndata:    three\n\n", written);
        Assert.Equal(SseOracle.NormalizeLineBreaks(data), Assert.Single(SseOracle.Parse(Encoding.UTF8.GetBytes(written))).Data);
    }

    [Theory]
    [InlineData(PastTheBound)]
    [InlineData(SixteenKilobytes + 1)]
    [InlineData(100_000)]
    public void LargeUtf8Event_LinesStartingWithASpace_KeepThatSpace(int size)
    {
        byte[] data = Encoding.UTF8.GetBytes(" " + new string('y', size) + "\n x\r\n  two\r   three");

        string written = Write(writer => writer.WriteEvent(data, eventType: "big"));

        Assert.Equal("event: big\ndata:  " + new string('y', size) + "\ndata:  x\ndata:   two\ndata:    three\n\n", written);
    }

    [Fact]
    public void LargeEvent_OnlyASpace_IsDataOfOneSpace()
    {
        // A line of exactly one space would read as empty data if the prefix lost its own space.
        string data = new string('y', SixteenKilobytes + 1) + "\n ";

        string written = Write(writer => writer.WriteEvent(data));

        Assert.EndsWith("\ndata:  \n\n", written, StringComparison.Ordinal);
        Assert.Equal(new string('y', SixteenKilobytes + 1) + "\n ", Assert.Single(SseOracle.Parse(Encoding.UTF8.GetBytes(written))).Data);
    }

    [Fact]
    public void EventsAroundBothBoundaries_WithLeadingSpaces_AreWrittenByteForByte()
    {
        // Sizes on either side of the one-span bound and of 16 KB, lines opened by spaces, each line break kind.
        Gen<int> size = Gen.OneOf(Gen.Int[PastTheBound - 100, PastTheBound + 100], Gen.Int[SixteenKilobytes - 100, SixteenKilobytes + 100]);
        Gen<string> line = Gen.Select(Gen.Int[0, 3], Gen.OneOf(Gen.Const("x"), Gen.Const("é"), Gen.Const("😀"), Gen.Const("")), (spaces, text) => new string(' ', spaces) + text);
        Gen<string> lineBreak = Gen.OneOf(Gen.Const("\n"), Gen.Const("\r\n"), Gen.Const("\r"));

        Gen.Select(size, line.Array[1, 4], lineBreak, Gen.Bool).Sample((length, lines, separator, asUtf8) =>
        {
            string[] all = [" " + new string('y', length), .. lines];
            string data = string.Join(separator, all);

            string written = Write(writer =>
            {
                if (asUtf8)
                {
                    writer.WriteEvent(Encoding.UTF8.GetBytes(data));
                }
                else
                {
                    writer.WriteEvent(data);
                }
            });

            Assert.Equal(string.Concat(all.Select(l => "data: " + l + "\n")) + "\n", written);
        }, iter: 200);
    }

    private static string Write(Action<SseFrameWriter> write)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new SseFrameWriter(output);
        write(writer);
        Assert.Equal(output.WrittenCount, writer.BytesWritten);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
