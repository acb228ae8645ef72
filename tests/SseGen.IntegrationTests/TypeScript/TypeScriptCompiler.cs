using System.Diagnostics;
using SseGen.IntegrationTests.RealPrograms;

namespace SseGen.IntegrationTests.TypeScript;

/// <summary>
/// The <c>typescript</c> npm package that <c>npm ci --prefix tests/typescript</c> installs, run on Node. Locally a missing
/// one skips the test with that command; under <c>CI=true</c> it fails, as <see cref="RealProgram"/> does for programs.
/// </summary>
internal static class TypeScriptCompiler
{
    public static string Require()
    {
        RealProgram.Require("node", "nodejs");
        string tsc = Repository.PathOf("tests", "typescript", "node_modules", "typescript", "bin", "tsc");
        if (!File.Exists(tsc))
        {
            RealProgram.Missing("the 'typescript' npm package is not installed: npm ci --prefix tests/typescript");
        }

        return tsc;
    }

    /// <summary>Runs <c>tsc</c> with <paramref name="arguments"/> in <paramref name="directory"/>; its exit code and all it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string directory, params string[] arguments)
    {
        string tsc = Require();
        var start = new ProcessStartInfo(RealProgram.Require("node", "nodejs"))
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(tsc);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        try
        {
            Task<string> output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            Task<string> errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output + await errors);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
