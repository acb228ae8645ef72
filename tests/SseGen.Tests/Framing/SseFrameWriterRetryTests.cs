using System.Buffers;
using System.Net.ServerSentEvents;
using System.Text;
using CsCheck;

namespace SseGen.Tests.Framing;

/// <summary>Every reconnection interval an <see cref="SseItem{T}"/> can carry is written exactly, in whole milliseconds.</summary>
public sealed class SseFrameWriterRetryTests
{
    private const long AboveInt32 = 12_345_678_910;

    private readonly ArrayBufferWriter<byte> _output = new();
    private readonly SseFrameWriter _writer;

    public SseFrameWriterRetryTests() => _writer = new SseFrameWriter(_output);

    private string Written => Encoding.UTF8.GetString(_output.WrittenSpan);

    [Fact]
    public void WriteItem_IntervalAboveInt32MaxValue_RoundTripsExactly()
    {
        _writer.WriteItem(new SseItem<string>("x") { ReconnectionInterval = TimeSpan.FromMilliseconds(AboveInt32) });

        Assert.Equal("retry: 12345678910\ndata: x\n\n", Written);
        Assert.Equal(TimeSpan.FromMilliseconds(AboveInt32), Assert.Single(SseOracle.Parse(_output.WrittenSpan)).ReconnectionInterval);
    }

    [Fact]
    public void WriteItemAsJson_IntervalAboveInt32MaxValue_RoundTripsExactly()
    {
        _writer.WriteItem(new SseItem<int>(5) { ReconnectionInterval = TimeSpan.FromMilliseconds(AboveInt32) }, TestJsonContext.Default.Int32);

        SseItem<string> item = Assert.Single(SseOracle.Parse(_output.WrittenSpan));
        Assert.Equal(TimeSpan.FromMilliseconds(AboveInt32), item.ReconnectionInterval);
        Assert.Equal("5", item.Data);
    }

    [Fact]
    public void WriteRetry_AboveInt32MaxValue_IsWrittenExactly()
    {
        _writer.WriteRetry(AboveInt32);
        _writer.WriteEvent("x");

        Assert.Equal("retry: 12345678910\n\ndata: x\n\n", Written);
        using var stream = new MemoryStream(_output.WrittenSpan.ToArray());
        SseParser<string> parser = SseParser.Create(stream);
        Assert.Single(parser.Enumerate());
        Assert.Equal(TimeSpan.FromMilliseconds(AboveInt32), parser.ReconnectionInterval);
    }

    [Fact]
    public void WriteEvent_LongRetry_IsWrittenExactly()
    {
        _writer.WriteEvent("x", retryMilliseconds: long.MaxValue);

        Assert.Equal("retry: 9223372036854775807\ndata: x\n\n", Written);
    }

    [Theory]
    [InlineData(15_000, "1")] // 1.5 ms
    [InlineData(9_999, "0")] // just under 1 ms
    [InlineData(10_000, "1")]
    [InlineData(0, "0")]
    public void WriteItem_SubMillisecondInterval_IsTruncatedToWholeMilliseconds(long ticks, string expected)
    {
        _writer.WriteItem(new SseItem<string>("x") { ReconnectionInterval = TimeSpan.FromTicks(ticks) });

        Assert.Equal($"retry: {expected}\ndata: x\n\n", Written);
    }

    [Fact]
    public void WriteItem_LargestInterval_IsWrittenInWholeMilliseconds()
    {
        _writer.WriteItem(new SseItem<string>("x") { ReconnectionInterval = TimeSpan.MaxValue });

        Assert.Equal($"retry: {TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerMillisecond}\ndata: x\n\n", Written);
    }

    [Fact]
    public void SseItem_NegativeInterval_CannotBeCarried()
    {
        // So the writer never sees one: SseItem<T> itself refuses it, as SseFormatter relies on.
        Assert.ThrowsAny<ArgumentException>(() => new SseItem<string>("x") { ReconnectionInterval = TimeSpan.FromMilliseconds(-1) });
    }

    [Fact]
    public void RandomIntervals_RoundTripThroughSseParserToTheWholeMillisecond()
    {
        Gen.Long[0, TimeSpan.MaxValue.Ticks].Sample(ticks =>
        {
            var output = new ArrayBufferWriter<byte>();
            var writer = new SseFrameWriter(output);
            writer.WriteItem(new SseItem<string>("x") { ReconnectionInterval = TimeSpan.FromTicks(ticks) });

            TimeSpan expected = TimeSpan.FromMilliseconds(ticks / TimeSpan.TicksPerMillisecond);
            Assert.Equal(expected, Assert.Single(SseOracle.Parse(output.WrittenSpan)).ReconnectionInterval);
        }, iter: 2000);
    }
}
