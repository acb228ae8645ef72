namespace SseGen.LoadTest.Tests;

/// <summary>One <c>--quick</c> run of the built load tool, shared by the tests that read its table.</summary>
public sealed class QuickRun() : QuickToolFixture("LoadToolAssembly", "load tool", "ssegen-load", TimeSpan.FromMinutes(3))
{
    /// <summary>The cells of every table row whose cells include <paramref name="peer"/>.</summary>
    public IReadOnlyList<string[]> RowsFor(string peer) => Rows(Markdown).Where(cells => cells.Contains(peer)).ToList();
}
