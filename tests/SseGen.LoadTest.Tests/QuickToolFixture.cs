namespace SseGen.LoadTest.Tests;

/// <summary>
/// A <see cref="QuickToolRun"/> as a class fixture: the tool runs once before the tests that read its table, and the
/// table's file is deleted after them. Each tool's fixture adds only how it reads the table.
/// </summary>
public abstract class QuickToolFixture : IAsyncLifetime
{
    private readonly QuickToolRun _run;

    private protected QuickToolFixture(string toolMetadataKey, string toolName, string tablePrefix, TimeSpan limit, params string[] arguments) =>
        _run = new QuickToolRun(toolMetadataKey, toolName, tablePrefix, limit, arguments);

    public int ExitCode => _run.ExitCode;

    public string Output => _run.Output;

    /// <summary>The table the tool wrote; empty if it wrote none.</summary>
    public string Markdown { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Markdown = await _run.RunAsync();
        OnTableRead(Markdown);
    }

    public ValueTask DisposeAsync()
    {
        _run.DeleteTable();
        return ValueTask.CompletedTask;
    }

    /// <summary>The cells of every table row (header and separator rows included) in <paramref name="markdown"/>.</summary>
    public static IEnumerable<string[]> Rows(string markdown) =>
        markdown.Split('\n')
            .Where(line => line.StartsWith('|'))
            .Select(line => line.Trim().Trim('|').Split('|').Select(cell => cell.Trim()).ToArray());

    /// <summary>Parses the table once it is read, for fixtures that keep more than its text.</summary>
    protected virtual void OnTableRead(string markdown)
    {
    }
}
