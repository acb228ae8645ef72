using static SseGen.LoadTest.Tests.FanOutQuickRunTests;

namespace SseGen.LoadTest.Tests;

/// <summary>
/// The fan-out tool with <c>--write-buffer</c> below one burst (4 KiB against SseGen's 16 KB bursts, and bursts of up to
/// 100 KB per subscriber), so the servers' flushes wait for the socket: the setting reaches the report, and every peer
/// still delivers every event to every subscriber, in order (the tool fails on a gap, duplicate or reorder). No timing.
/// </summary>
public sealed class FanOutWriteBufferQuickRunTests(FanOutWriteBufferQuickRunTests.SmallBufferRun run) : IClassFixture<FanOutWriteBufferQuickRunTests.SmallBufferRun>
{
    public static readonly TheoryData<string> BufferedPeers = new("SseGen", "Channel per subscriber");

    [Fact]
    public void SmallBufferRun_ExitsWithZero_AndNamesTheBufferBesideTheFigures()
    {
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("`MaxWriteBufferSize` set to 4,096 B", run.Markdown, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BufferedPeers))]
    public void SmallBufferRun_PeerDeliveredEveryEventToEverySubscriber(string peer)
    {
        // --quick's 5 and 20 subscribers, at a fixed rate and as fast as possible.
        Assert.Equal(4, run.Tables.Count);
        Assert.All(run.Tables, table => AssertDeliveredEveryEvent(table, peer));
    }

    /// <summary>One quick run with a 4 KiB write buffer and a burst of 5,000 deliveries (1,000 events to each of 5).</summary>
    public sealed class SmallBufferRun() : FanOutRun(
        "ssegen-fanout-buffer", "--quick", "--peers", "ssegen,channel", "--burst-deliveries", "5000", "--write-buffer", "4096");
}
