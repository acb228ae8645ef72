namespace SseGen.IntegrationTests.RealPrograms;

/// <summary>
/// Finds a real program a test drives. Locally a missing one skips the test with the Debian package to install;
/// under <c>CI=true</c> (or <c>CI=1</c>, as some CI services set it) it fails, so CI can never pass by skipping.
/// </summary>
internal static class RealProgram
{
    private static readonly string[] ExtraDirectories = ["/usr/sbin", "/usr/local/sbin", "/sbin"];

    public static bool InCi => Environment.GetEnvironmentVariable("CI") is { } ci
        && (string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>The full path of <paramref name="executable"/>, or a skip (a failure in CI) naming <paramref name="package"/>.</summary>
    public static string Require(string executable, string package)
    {
        string? path = Find(executable);
        if (path is not null)
        {
            return path;
        }

        Missing($"'{executable}' is not installed: apt-get install -y {package}");
        return null!;
    }

    /// <summary>Skips the test (fails it under CI) because a program it needs lacks something; says what in <paramref name="message"/>.</summary>
    public static void Missing(string message)
    {
        if (InCi)
        {
            Assert.Fail(message + " (CI is set: .ci/run must install it)");
        }

        Assert.Skip(message);
    }

    private static string? Find(string executable)
    {
        IEnumerable<string> directories = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(ExtraDirectories);
        return directories.Select(d => Path.Combine(d, executable)).FirstOrDefault(File.Exists);
    }
}
