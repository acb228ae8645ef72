using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace SseGen.LoadTest.Tests;

/// <summary>One <c>--quick</c> run of the built load tool, shared by the tests that read its table.</summary>
public sealed class QuickRun : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    private readonly string _tablePath = Path.Combine(Path.GetTempPath(), $"ssegen-load-{Guid.NewGuid():N}.md");
    private readonly StringBuilder _output = new();

    public int ExitCode { get; private set; } = -1;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Table { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        string tool = typeof(QuickRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "LoadToolAssembly").Value ?? throw new InvalidOperationException("the tool's path was not embedded");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { tool, "--quick", "--out", _tablePath })
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start the load tool");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // The tool's own server child goes with it: the tree is killed by the tool's PID.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"the load tool did not finish within {Limit.TotalMinutes} minutes:\n{Output}");
        }

        ExitCode = process.ExitCode;
        Table = File.Exists(_tablePath) ? await File.ReadAllTextAsync(_tablePath) : "";
    }

    public ValueTask DisposeAsync()
    {
        File.Delete(_tablePath);
        return ValueTask.CompletedTask;
    }

    /// <summary>The cells of every table row whose cells include <paramref name="peer"/>.</summary>
    public IReadOnlyList<string[]> RowsFor(string peer) =>
        Table.Split('\n')
            .Where(line => line.StartsWith('|'))
            .Select(line => line.Trim().Trim('|').Split('|').Select(cell => cell.Trim()).ToArray())
            .Where(cells => cells.Contains(peer))
            .ToList();

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
