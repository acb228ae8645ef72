using System.Globalization;

namespace SseGen.LoadTest.Tests;

/// <summary>The load tool's smoke run in CI: it must finish and report every peer and client with numbers. No timing is asserted.</summary>
public sealed class QuickRunTests(QuickRun run) : IClassFixture<QuickRun>
{
    [Fact]
    public void QuickRun_ExitsWithZero() => Assert.True(run.ExitCode == 0, run.Output);

    [Theory]
    [InlineData("SseGen")]
    [InlineData("TypedResults")]
    [InlineData("SseFormatter")]
    public void QuickRun_ReportsNumericThroughputForPeerInBothScenarios(string peer)
    {
        // | Scenario | Peer | events/s | vs TypedResults | server CPU s / 1M events | ... |
        var throughputRows = run.RowsFor(peer).Where(cells => cells.Length == 9 && cells[1] == peer).ToList();

        Assert.True(throughputRows.Count == 2, run.Output);
        Assert.All(throughputRows, cells =>
        {
            Assert.True(IsPositiveNumber(cells[2]), $"events/s '{cells[2]}' in {string.Join(" | ", cells)}");
            Assert.True(IsNumber(cells[4]), $"server CPU '{cells[4]}' in {string.Join(" | ", cells)}");
            Assert.True(IsNumber(cells[7]), $"allocated bytes '{cells[7]}' in {string.Join(" | ", cells)}");
        });
    }

    [Theory]
    [InlineData("SseGen")]
    [InlineData("TypedResults")]
    [InlineData("SseFormatter")]
    public void QuickRun_ReportsIdleHeapPerConnectionForPeer(string peer)
    {
        // | Peer | Heartbeat | managed heap / connection | working set / connection | ... |
        string[] idleRow = Assert.Single(run.RowsFor(peer), cells => cells.Length == 7 && cells[0] == peer);

        Assert.EndsWith(" KB", idleRow[2]);
        Assert.True(IsNumber(idleRow[2][..^3]), $"heap '{idleRow[2]}'");
    }

    [Theory]
    [InlineData("Generated client")]
    [InlineData("Hand-written loop")]
    public void QuickRun_ReportsNumericClientThroughputForClient(string client)
    {
        // | Client | events/s | vs hand-written | client CPU s / 1M events | vs hand-written | client B allocated / event | what it is |
        string[] row = Assert.Single(run.RowsFor(client), cells => cells.Length == 7 && cells[0] == client);

        Assert.True(IsPositiveNumber(row[1]), $"events/s '{row[1]}' in {string.Join(" | ", row)}");
        Assert.True(IsNumber(row[3]), $"client CPU '{row[3]}' in {string.Join(" | ", row)}");
        Assert.True(IsNumber(row[5]), $"allocated bytes '{row[5]}' in {string.Join(" | ", row)}");
    }

    [Fact]
    public void QuickRun_ReportsWhatTheItemAloneAllocates_BesideTheClients()
    {
        string[] row = Assert.Single(run.RowsFor("The item alone"), cells => cells.Length == 7);

        Assert.True(IsNumber(row[5]), $"allocated bytes '{row[5]}' in {string.Join(" | ", row)}");
    }

    private static bool IsNumber(string cell) =>
        double.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value);

    private static bool IsPositiveNumber(string cell) =>
        double.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out double value) && value > 0;
}
