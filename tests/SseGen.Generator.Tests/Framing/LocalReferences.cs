using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace SseGen.Generator.Tests.Framing;

/// <summary>
/// Compile references taken from this test host's shared frameworks (.NET and ASP.NET Core) and the SseGen runtime,
/// never downloaded: CI is offline except for package restore.
/// </summary>
internal static class LocalReferences
{
    private static readonly string[] SharedFrameworks = ["Microsoft.NETCore.App", "Microsoft.AspNetCore.App"];

    /// <summary>No reference-assembly package: <see cref="All"/> holds every reference the test sources need.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> All { get; } = Load();

    private static ImmutableArray<MetadataReference> Load()
    {
        string trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")
            ?? throw new InvalidOperationException("The test host lists no trusted platform assemblies.");
        IEnumerable<string> framework = trusted
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => SharedFrameworks.Any(name => path.Contains(Path.DirectorySeparatorChar + name + Path.DirectorySeparatorChar, StringComparison.Ordinal)));
        return framework
            .Append(typeof(SseFrameWriter).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
