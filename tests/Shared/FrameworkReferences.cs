using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SseGen.TestSupport;

/// <summary>
/// Compile references from the running host's shared frameworks (.NET and ASP.NET Core) and the real <c>SseGen.dll</c>,
/// as a web app compiles against; never downloaded: CI is offline except for package restore.
/// </summary>
internal static class FrameworkReferences
{
    private static readonly string[] SharedFrameworks = ["Microsoft.NETCore.App", "Microsoft.AspNetCore.App"];

    /// <summary>Every reference, ordered by path so that compilations are the same from run to run.</summary>
    public static ImmutableArray<MetadataReference> All { get; } = Load();

    /// <summary>
    /// What a contract project compiles against: .NET and <c>SseGen.Abstractions.dll</c>, no ASP.NET Core and no server
    /// runtime, ordered by path.
    /// </summary>
    public static ImmutableArray<MetadataReference> ContractOnly { get; } = [.. All.Where(r =>
        r.Display is { } path
        && !path.Contains(Path.DirectorySeparatorChar + "Microsoft.AspNetCore.App" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        && path != Runtime)];

    /// <summary>The location of <c>SseGen.dll</c> in <see cref="All"/>, for compilations of the runtime's own sources.</summary>
    public static string Runtime => typeof(SseResponse).Assembly.Location;

    /// <summary>The location of <c>SseGen.Abstractions.dll</c>, the contract attributes, which <c>SseGen.dll</c> references.</summary>
    public static string Abstractions => typeof(SseEndpointAttribute).Assembly.Location;

    private static ImmutableArray<MetadataReference> Load()
    {
        string trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")
            ?? throw new InvalidOperationException("The host lists no trusted platform assemblies.");
        return trusted
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => SharedFrameworks.Any(name => path.Contains(Path.DirectorySeparatorChar + name + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            .Append(Runtime)
            .Append(Abstractions)
            .Order(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
