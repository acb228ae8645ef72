using System.Globalization;
using System.Text.RegularExpressions;

namespace SseGen.LoadTest.Tests;

/// <summary>
/// The fan-out benchmark's smoke run in CI: <c>--quick</c> must finish, give every peer a row in every table, and have
/// delivered every published event to every subscriber (the tool fails on a gap, duplicate or reorder). No timing is asserted.
/// </summary>
public sealed partial class FanOutQuickRunTests(FanOutQuickRunTests.QuickRun run) : IClassFixture<FanOutQuickRunTests.QuickRun>
{
    public static readonly TheoryData<string> Peers = new("SseGen", "Channel per subscriber", "SignalR");

    [Fact]
    public void QuickRun_ExitsWithZero() => Assert.True(run.ExitCode == 0, run.Output);

    [Fact]
    public void QuickRun_HasATablePerSubscriberCountAndPublishMode()
    {
        // --quick: 5 and 20 subscribers, each at a fixed rate and as fast as possible.
        Assert.Equal(
            ["5 fixed rate", "5 as fast as possible", "20 fixed rate", "20 as fast as possible"],
            run.Tables.Select(t => $"{t.Subscribers} {t.Mode}"));
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public void QuickRun_PeerHasOneRowWithNumbersInEveryTable(string peer)
    {
        Assert.NotEmpty(run.Tables);
        Assert.All(run.Tables, table =>
        {
            string[] row = Assert.Single(table.Rows, cells => cells[0].Trim('*') == peer);
            Assert.True(IsPositiveNumber(row[1]), $"deliveries/s '{row[1]}' in {table.Heading}");
            Assert.True(IsNumber(row[3]), $"server CPU '{row[3]}' in {table.Heading}");
            Assert.True(IsNumber(row[5]), $"allocated bytes '{row[5]}' in {table.Heading}");
            Assert.True(IsNumber(row[6]) && IsNumber(row[7]), $"latency '{row[6]}' / '{row[7]}' in {table.Heading}");
        });
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public void QuickRun_PeerDeliveredEveryEventToEverySubscriber(string peer)
    {
        Assert.NotEmpty(run.Tables);
        Assert.All(run.Tables, table => AssertDeliveredEveryEvent(table, peer));
    }

    /// <summary>The peer's row says it delivered every event the table's heading says was published, to every subscriber.</summary>
    internal static void AssertDeliveredEveryEvent(Table table, string peer)
    {
        string[] row = Assert.Single(table.Rows, cells => cells[0].Trim('*') == peer);

        // "received / expected", and expected must be what the heading says was published to how many.
        string[] delivered = row[8].Split(" / ");
        Assert.Equal(2, delivered.Length);
        long expected = (long)table.Subscribers * table.Events;
        Assert.Equal(expected.ToString("N0", CultureInfo.InvariantCulture), delivered[1]);
        Assert.Equal(delivered[1], delivered[0]);
    }

    private static bool IsNumber(string cell) =>
        double.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value);

    private static bool IsPositiveNumber(string cell) =>
        double.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out double value) && value > 0;

    [GeneratedRegex(@"^#### (?<subscribers>[\d,]+) subscribers, (?<mode>fixed rate|as fast as possible),.*?(?<events>[\d,]+) events\)?$")]
    private static partial Regex TableHeading();

    /// <summary>One table of the report: its heading's facts and its rows' cells.</summary>
    public sealed record Table(string Heading, int Subscribers, string Mode, int Events, IReadOnlyList<string[]> Rows);

    /// <summary>One <c>--quick</c> run of the built fan-out tool, shared by the tests that read its tables.</summary>
    public sealed class QuickRun() : FanOutRun("ssegen-fanout");

    /// <summary>One run of the built fan-out tool with <paramref name="arguments"/> (<c>--quick</c> when none), its tables parsed.</summary>
    public abstract class FanOutRun(string tablePrefix, params string[] arguments)
        : QuickToolFixture("FanOutToolAssembly", "fan-out tool", tablePrefix, TimeSpan.FromMinutes(4), arguments)
    {
        public IReadOnlyList<Table> Tables { get; private set; } = [];

        protected override void OnTableRead(string markdown) => Tables = markdown.Length > 0 ? Parse(markdown) : [];

        private static List<Table> Parse(string markdown)
        {
            var tables = new List<Table>();
            foreach (string section in markdown.Split("\n#### ").Skip(1))
            {
                string[] lines = section.Split('\n');
                Match heading = TableHeading().Match("#### " + lines[0]);
                Assert.True(heading.Success, $"unexpected table heading '{lines[0]}'");
                List<string[]> rows = [.. Rows(section).Skip(2)];
                tables.Add(new Table(
                    lines[0],
                    int.Parse(heading.Groups["subscribers"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture),
                    heading.Groups["mode"].Value,
                    int.Parse(heading.Groups["events"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture),
                    rows));
            }

            return tables;
        }
    }
}
