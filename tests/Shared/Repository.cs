using System.Reflection;

namespace SseGen.TestSupport;

/// <summary>
/// The checkout the tests were built from, as MSBuild wrote it into the test assembly (<c>RepositoryRoot</c> metadata):
/// it holds wherever the binaries run, and under a CI path map, where <c>[CallerFilePath]</c> would not.
/// </summary>
internal static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>A path below the root, given as its parts (<c>"docs", "diagnostics", "README.md"</c>).</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
