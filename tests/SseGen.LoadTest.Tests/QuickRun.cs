namespace SseGen.LoadTest.Tests;

/// <summary>One <c>--quick</c> run of the built load tool, shared by the tests that read its table.</summary>
public sealed class QuickRun : IAsyncLifetime
{
    private readonly QuickToolRun _run = new("LoadToolAssembly", "load tool", "ssegen-load", TimeSpan.FromMinutes(3));

    public int ExitCode => _run.ExitCode;

    public string Output => _run.Output;

    public string Table { get; private set; } = "";

    public async ValueTask InitializeAsync() => Table = await _run.RunAsync();

    public ValueTask DisposeAsync()
    {
        _run.DeleteTable();
        return ValueTask.CompletedTask;
    }

    /// <summary>The cells of every table row whose cells include <paramref name="peer"/>.</summary>
    public IReadOnlyList<string[]> RowsFor(string peer) =>
        Table.Split('\n')
            .Where(line => line.StartsWith('|'))
            .Select(line => line.Trim().Trim('|').Split('|').Select(cell => cell.Trim()).ToArray())
            .Where(cells => cells.Contains(peer))
            .ToList();
}
