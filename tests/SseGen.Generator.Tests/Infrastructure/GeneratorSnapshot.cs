using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SseGen.Generator.Tests.Infrastructure;

/// <summary>
/// Snapshot checks of generated files, after Verify's conventions: <c>{Class}.{Method}#{HintName}.verified.cs</c> in <c>Snapshots/</c> beside the test,
/// a <c>.received.cs</c> and a diff on mismatch, <c>SSEGEN_ACCEPT_SNAPSHOTS=1</c> to accept, never accepted under <c>CI=true</c>.
/// Every input is also compiled with its output, and must have no warning.
/// </summary>
internal static class GeneratorSnapshot
{
    public const string VersionPlaceholder = "%VERSION%";

    /// <summary>The folder beside the test file that holds its snapshots, so the tests are not lost among them.</summary>
    public const string SnapshotFolder = "Snapshots";

    public static Task VerifyAsync(string source, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "") =>
        VerifyAsync(TestCompilation.Create(source), testFile, testMethod);

    /// <summary>Checks the generated files of <paramref name="compilation"/>: for inputs that need their own assembly name or references.</summary>
    public static Task VerifyAsync(Compilation compilation, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        (Compilation output, GeneratorDriverRunResult run) = GeneratorRunner.Run(compilation);
        Assert.Empty(run.Diagnostics);
        AssertCompilesWithoutWarnings(output);

        var failures = new StringBuilder();
        string directory = Path.Combine(Path.GetDirectoryName(testFile)!, SnapshotFolder);
        string prefix = Path.GetFileNameWithoutExtension(testFile) + "." + testMethod + "#";
        foreach (GeneratedSourceResult generated in run.Results.Single().GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal))
        {
            string name = prefix + generated.HintName[..^".cs".Length];
            failures.Append(Compare(Path.Combine(directory, name + ".verified.cs"), Path.Combine(directory, name + ".received.cs"), Scrub(generated.SourceText.ToString()), InCi, Accept));
        }

        return failures.Length == 0 ? Task.CompletedTask : throw new Xunit.Sdk.XunitException(failures.ToString());
    }

    /// <summary>Fails with every warning and error of <paramref name="compilation"/>, generated code included.</summary>
    public static void AssertCompilesWithoutWarnings(Compilation compilation)
    {
        Diagnostic[] problems = compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .ToArray();
        Assert.True(problems.Length == 0, "The input and its generated code do not compile cleanly:\n" + string.Join("\n", problems.Select(p => p.ToString())));
    }

    /// <summary>Makes generated text independent of the generator's version and of the platform's line ends.</summary>
    public static string Scrub(string text) =>
        text.ReplaceLineEndings("\n")
            .Replace("\"SseGen.Generator\", \"" + typeof(SseEndpointGenerator).Assembly.GetName().Version + "\"", "\"SseGen.Generator\", \"" + VersionPlaceholder + "\"", StringComparison.Ordinal);

    private static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static bool Accept => Environment.GetEnvironmentVariable("SSEGEN_ACCEPT_SNAPSHOTS") == "1";

    /// <summary>Compares one generated file with its snapshot; returns why it failed, or an empty string.</summary>
    /// <param name="verifiedPath">The snapshot.</param>
    /// <param name="receivedPath">Where the generated text goes when it does not match.</param>
    /// <param name="received">The generated text, scrubbed.</param>
    /// <param name="inCi">Under CI nothing is accepted, and a missing snapshot fails.</param>
    /// <param name="accept">Whether to accept the generated text as the new snapshot.</param>
    internal static string Compare(string verifiedPath, string receivedPath, string received, bool inCi, bool accept)
    {
        accept &= !inCi;
        var failures = new StringBuilder();
        string? verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).ReplaceLineEndings("\n") : null;
        if (verified == received)
        {
            File.Delete(receivedPath);
            return string.Empty;
        }

        if (accept)
        {
            File.WriteAllText(verifiedPath, received);
            File.Delete(receivedPath);
            return string.Empty;
        }

        File.WriteAllText(receivedPath, received);
        if (verified is null)
        {
            failures.AppendLine($"No snapshot {Path.GetFileName(verifiedPath)}; review {Path.GetFileName(receivedPath)} and accept it with SSEGEN_ACCEPT_SNAPSHOTS=1" + (inCi ? " (never accepted under CI=true)." : "."));
            return failures.ToString();
        }

        failures.AppendLine($"{Path.GetFileName(verifiedPath)} differs from the generated code (written to {Path.GetFileName(receivedPath)}); accept with SSEGEN_ACCEPT_SNAPSHOTS=1:");
        foreach (DiffPiece line in InlineDiffBuilder.Diff(verified, received).Lines)
        {
            string mark = line.Type switch
            {
                ChangeType.Inserted => "+ ",
                ChangeType.Deleted => "- ",
                _ => "  ",
            };
            if (line.Type != ChangeType.Unchanged)
            {
                failures.Append(mark).Append(line.Position?.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) ?? "    ").Append(' ').AppendLine(line.Text);
            }
        }

        return failures.ToString();
    }
}
