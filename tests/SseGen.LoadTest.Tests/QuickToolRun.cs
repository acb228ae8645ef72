using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace SseGen.LoadTest.Tests;

/// <summary>
/// One quick run of a built benchmark tool (<c>--quick</c> unless told otherwise) as a child process, as a user would start it: its exit code, its
/// merged output and the table it wrote. Shared by the load and fan-out fixtures, which differ only in what they parse.
/// </summary>
/// <param name="toolMetadataKey">The assembly metadata key the test project embeds the tool's path under.</param>
/// <param name="toolName">How messages name the tool.</param>
/// <param name="tablePrefix">The start of the temporary table file's name.</param>
/// <param name="limit">How long the run may take before its process tree is killed.</param>
/// <param name="arguments">The tool's arguments before <c>--out</c>; <c>--quick</c> when none are given.</param>
internal sealed class QuickToolRun(string toolMetadataKey, string toolName, string tablePrefix, TimeSpan limit, params string[] arguments)
{
    private readonly string _tablePath = Path.Combine(Path.GetTempPath(), $"{tablePrefix}-{Guid.NewGuid():N}.md");
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

    /// <summary>Runs the tool to its end, bounded; returns the table it wrote, empty if none.</summary>
    public async Task<string> RunAsync()
    {
        string tool = typeof(QuickToolRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == toolMetadataKey).Value ?? throw new InvalidOperationException("the tool's path was not embedded");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] toolArguments = arguments.Length > 0 ? arguments : ["--quick"];
        foreach (string argument in (string[])[tool, .. toolArguments, "--out", _tablePath])
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start the {toolName}");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // The tool's own server child goes with it: the tree is killed by the tool's PID.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"the {toolName} did not finish within {limit.TotalMinutes} minutes:\n{Output}");
        }

        ExitCode = process.ExitCode;
        return File.Exists(_tablePath) ? await File.ReadAllTextAsync(_tablePath) : "";
    }

    public void DeleteTable() => File.Delete(_tablePath);

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
