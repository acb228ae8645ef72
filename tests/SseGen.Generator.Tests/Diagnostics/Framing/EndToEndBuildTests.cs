using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using SseGen.Generator.Diagnostics.Framing;
using Xunit;

namespace SseGen.Generator.Tests.Diagnostics.Framing;

/// <summary>Builds a small user project with <c>dotnet build</c>, the built analyzer referenced, and reads the warnings.</summary>
public sealed partial class EndToEndBuildTests
{
    // A cold build on a busy CI machine takes tens of seconds; past this the build is stuck, not slow.
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task BuildingBadSseCode_ReportsEveryFramingRule()
    {
        string project = CreateProject();
        try
        {
            (int exitCode, string output) = await BuildAsync(project, TestContext.Current.CancellationToken);

            Assert.True(exitCode == 0, "dotnet build failed:\n" + output);
            string[] reported = WarningId().Matches(output).Select(match => match.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(["SSE1001", "SSE1002", "SSE1003", "SSE1004", "SSE1005", "SSE1006", "SSE1007", "SSE1008", "SSE1009"], reported);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    private static string CreateProject([CallerFilePath] string testFile = "")
    {
        string assets = Path.Combine(Path.GetDirectoryName(testFile)!, "EndToEnd");
        string directory = Path.Combine(Path.GetTempPath(), "ssegen-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);

        // Stop MSBuild from picking up props of whatever directory the temp folder sits in.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />");
        File.Copy(Path.Combine(assets, "BadFeed.csproj.txt"), Path.Combine(directory, "BadFeed.csproj"));
        File.Copy(Path.Combine(assets, "BadFeed.cs.txt"), Path.Combine(directory, "BadFeed.cs"));
        File.Copy(Path.Combine(assets, "BadFeed.editorconfig.txt"), Path.Combine(directory, ".editorconfig"));
        return directory;
    }

    private static async Task<(int ExitCode, string Output)> BuildAsync(string directory, CancellationToken cancellationToken)
    {
        string analyzer = typeof(ConnectionCloseAnalyzer).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "build", Path.Combine(directory, "BadFeed.csproj"), "-nologo", "-nodeReuse:false",
            "-p:UseSharedCompilation=false", "-p:SseGenAnalyzerPath=" + analyzer,
        })
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs inside an MSBuild-launched process; its MSBuild settings must not leak into this build.
        foreach (string name in start.Environment.Keys.Where(key => key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using Process build = Process.Start(start)!;
        Task<string> stdout = build.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = build.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(BuildTimeout);
        try
        {
            await build.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            build.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet build (pid {build.Id}) did not finish within {BuildTimeout}; it was killed.");
        }

        return (build.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"warning (SSE1\d{3}):")]
    private static partial Regex WarningId();
}
