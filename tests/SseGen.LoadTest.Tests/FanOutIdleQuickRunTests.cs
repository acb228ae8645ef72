using System.Globalization;

namespace SseGen.LoadTest.Tests;

/// <summary>
/// The idle-scale benchmark's smoke run in CI (<c>--idle 200 --idle-seconds 3</c>; the documented run holds 19,000): it
/// must finish, give the Kestrel floor and SseGen a row each with every stream held, and SseGen's streams must have
/// carried heartbeats while the floor's carried none. No memory figure or timing is asserted.
/// </summary>
public sealed class FanOutIdleQuickRunTests(FanOutIdleQuickRunTests.IdleRun run) : IClassFixture<FanOutIdleQuickRunTests.IdleRun>
{
    private const int Streams = 200;

    [Fact]
    public void IdleRun_ExitsWithZero_AndWritesTheIdleTable()
    {
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains($"#### Idle scale: {Streams} subscribed streams held 3 s", run.Markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Kestrel floor (no SSE)")]
    [InlineData("SseGen")]
    public void IdleRun_PeerHeldEveryStream_WithNumbersInEveryColumn(string peer)
    {
        string[] row = run.Row(peer);
        Assert.Equal(Streams.ToString(CultureInfo.InvariantCulture), row[1]);
        foreach (int column in new[] { 2, 3, 4, 5, 8 })
        {
            Assert.True(IsKilobytes(row[column]), $"column {column} '{row[column]}' of {peer}");
        }
    }

    [Fact]
    public void IdleRun_SseGensStreamsCarriedHeartbeats_TheFloorsNone()
    {
        // SseGen's idle endpoint heartbeats every second: in 3 s each stream gets its first within its first second.
        Assert.True(double.Parse(run.Row("SseGen")[9], CultureInfo.InvariantCulture) >= 1, run.Markdown);
        Assert.Equal("0.0", run.Row("Kestrel floor (no SSE)")[9]);
        Assert.True(IsKilobytes(run.Row("SseGen")[6]), "SseGen's share above the floor");
    }

    private static bool IsKilobytes(string cell) =>
        cell.EndsWith(" KB", StringComparison.Ordinal) &&
        double.TryParse(cell[..^3], NumberStyles.Number | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out double value) &&
        double.IsFinite(value);

    /// <summary>One idle run of the built fan-out tool, shared by the tests that read its table.</summary>
    public sealed class IdleRun() : QuickToolFixture(
        "FanOutToolAssembly", "fan-out tool", "ssegen-fanout-idle", TimeSpan.FromMinutes(3), "--idle", Streams.ToString(CultureInfo.InvariantCulture), "--idle-seconds", "3")
    {
        /// <summary>The idle table's row for <paramref name="peer"/>, cell by cell.</summary>
        public string[] Row(string peer) => Assert.Single(Rows(Markdown), cells => cells[0] == peer);
    }
}
