using System.Globalization;
using System.IO.Compression;
using System.Net.ServerSentEvents;
using SseGen.IntegrationTests.RealPrograms;

namespace SseGen.IntegrationTests.Package;

/// <summary>
/// The packed SseGen package in brand-new apps, as a new user meets it: a local feed, a NuGet cache of its own
/// (so a stale cache cannot hide a change), warnings as errors.
/// </summary>
[Collection(nameof(PackageCollection))]
public sealed class PackageTests(PackedSseGen packed)
{
    private const string ProjectFile = """
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="SseGen" Version="{{VERSION}}" />
          </ItemGroup>
        </Project>
        """;

    [Fact]
    public void Package_HoldsTheRuntimeInLib_AndTheClientScriptTargets_TheGeneratorComingWithTheAbstractions()
    {
        using ZipArchive package = ZipFile.OpenRead(packed.PackagePath);
        string[] entries = [.. package.Entries.Select(e => e.FullName)];

        Assert.Contains("lib/net10.0/SseGen.dll", entries);
        Assert.Contains("lib/net10.0/SseGen.xml", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal)); // see ClientOnlyPackageTests
        Assert.Contains("README.md", entries);
        Assert.Contains("build/SseGen.targets", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generator", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.ChangeExtension(packed.PackagePath, ".snupkg")), "no symbols package");
    }

    [Fact]
    public async Task FreshApp_WithOneEndpoint_BuildsWarningFree_RunsAndStreams()
    {
        CancellationToken ct = TestTimeout.After(240);
        string app = packed.NewApp("FreshApp", ProjectFile, """
            using System.Runtime.CompilerServices;
            using SseGen;

            var app = WebApplication.CreateSlimBuilder(args).Build();
            app.MapSseEndpoints();
            app.Run();

            public sealed record Greeting(int Number, string Text);

            public static class Streams
            {
                [SseEndpoint("/greetings", EventType = "greeting")]
                public static async IAsyncEnumerable<Greeting> Greetings(int count, [EnumeratorCancellation] CancellationToken ct)
                {
                    for (int i = 0; i < count; i++)
                    {
                        yield return new Greeting(i, $"hello {i}");
                        await Task.Yield();
                    }
                }
            }
            """);

        (int exitCode, string output) = await packed.DotnetAsync(app, ["build", "-c", "Release"], ct);
        Assert.True(exitCode == 0, output);
        Assert.Contains("0 Warning(s)", output, StringComparison.Ordinal);

        int port = ChildProcess.FreePort();
        await using ChildProcess server = ChildProcess.Start("dotnet", [Path.Combine(app, "bin", "Release", "net10.0", "FreshApp.dll"), "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"], app);
        await server.WaitForPortAsync(port, ct);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/") };
        using HttpResponseMessage response = await client.GetAsync("greetings?count=3", HttpCompletionOption.ResponseHeadersRead, ct);
        var items = new List<SseItem<string>>();
        await foreach (SseItem<string> item in SseParser.Create(await response.Content.ReadAsStreamAsync(ct)).EnumerateAsync(ct))
        {
            items.Add(item);
        }

        Assert.Equal(["greeting", "greeting", "greeting"], items.Select(i => i.EventType));
        Assert.Equal("{\"number\":2,\"text\":\"hello 2\"}", items[2].Data);
    }

    [Fact]
    public async Task FreshApp_WithSseGenClientScriptPath_WritesTheClientOnBuild_AndRewritesItOnlyWhenItChanges()
    {
        CancellationToken ct = TestTimeout.After(300);
        string app = packed.NewApp("ClientApp", ProjectFile.Replace(
            "</PropertyGroup>",
            "  <SseGenClientScript>true</SseGenClientScript>\n    <SseGenClientScriptPath>ClientApp/src/sse-client.js</SseGenClientScriptPath>\n  </PropertyGroup>",
            StringComparison.Ordinal), """
            var app = WebApplication.CreateSlimBuilder(args).Build();
            app.MapSseEndpoints();
            app.MapSseClientScript();
            app.Run();

            public static class Streams
            {
                [SseEndpoint("/greetings/{name}", EventType = "greeting")]
                public static IAsyncEnumerable<string> Greetings(string name) => throw new NotImplementedException();
            }
            """.Insert(0, "using SseGen;\n\n"));
        string script = Path.Combine(app, "ClientApp", "src", "sse-client.js");
        string declarations = Path.Combine(app, "ClientApp", "src", "sse-client.d.ts");

        (int exitCode, string output) = await packed.DotnetAsync(app, ["build", "-c", "Release"], ct);
        Assert.True(exitCode == 0, output);
        Assert.Contains("0 Warning(s)", output, StringComparison.Ordinal);
        Assert.Contains("greetings: endpoint(", await File.ReadAllTextAsync(script, ct), StringComparison.Ordinal);
        Assert.Contains("greeting: string;", await File.ReadAllTextAsync(declarations, ct), StringComparison.Ordinal);

        // A build that changes nothing the client depends on leaves both files as they were, timestamps included.
        DateTime written = File.GetLastWriteTimeUtc(script);
        File.SetLastWriteTimeUtc(script, written.AddMinutes(-5));
        File.SetLastWriteTimeUtc(declarations, written.AddMinutes(-5));
        await File.AppendAllTextAsync(Path.Combine(app, "Program.cs"), "\n// an edit the client does not see\n", ct);
        (exitCode, output) = await packed.DotnetAsync(app, ["build", "-c", "Release"], ct);
        Assert.True(exitCode == 0, output);
        Assert.Equal(written.AddMinutes(-5), File.GetLastWriteTimeUtc(script));
        Assert.Equal(written.AddMinutes(-5), File.GetLastWriteTimeUtc(declarations));
    }

    [Fact]
    public async Task FreshApp_WithAFramingMistake_FailsTheBuildWithSSE1001()
    {
        CancellationToken ct = TestTimeout.After(240);
        string app = packed.NewApp("BadFraming", ProjectFile, """
            var app = WebApplication.CreateSlimBuilder(args).Build();
            app.MapGet("/events", async (HttpContext context) =>
            {
                context.Response.ContentType = "text/event-stream";
                context.Response.Headers.Connection = "close";
                await context.Response.WriteAsync("data: hi\n\n");
            });
            app.Run();
            """);

        (int exitCode, string output) = await packed.DotnetAsync(app, ["build", "-c", "Release"], ct);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("error SSE1001", output, StringComparison.Ordinal);
    }

}

// Alone, never beside the native AOT tests: both build the runtime in Release, in the same obj folder.
[CollectionDefinition(nameof(PackageCollection), DisableParallelization = true)]
public sealed class PackageCollection : ICollectionFixture<PackedSseGen>;

/// <summary>Packs SseGen once for the package tests, into a local feed in a temp folder with its own NuGet cache.</summary>
public sealed class PackedSseGen : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("ssegen-package-").FullName;

    public string PackagePath { get; private set; } = "";

    /// <summary>
    /// A version no cache can hold already: an app that takes the packages it lacks from the machine's own packages folder
    /// (the client-only app's framework packages and AOT compiler) can never pick up a stale SseGen there.
    /// </summary>
    public string Version { get; } = "0.1.0-package." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    private string Feed => Path.Combine(_root, "feed");

    public async ValueTask InitializeAsync()
    {
        string repository = Repository.Root;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));

        // SseGen and SseGen.Client depend on SseGen.Abstractions (the attributes and the generator): all three in the feed.
        foreach (string project in new[] { "SseGen.Abstractions", "SseGen", "SseGen.Client" })
        {
            (int exitCode, string output) = await DotnetAsync(repository, ["pack", Path.Combine(repository, "runtime", project, project + ".csproj"), "-c", "Release", "-o", Feed, "-p:Version=" + Version], timeout.Token);
            Assert.True(exitCode == 0, output);
        }

        PackagePath = PackageOf("SseGen");
    }

    /// <summary>The packed <paramref name="id"/>'s <c>.nupkg</c> in the feed.</summary>
    public string PackageOf(string id) => Path.Combine(Feed, id + "." + Version + ".nupkg");

    /// <summary>
    /// Creates an app folder with a NuGet.config that knows only the local feed; with <paramref name="withPublicFeed"/>, the
    /// packages that are not SseGen's come from the machine's packages folder, else from nuget.org (SseGen's from the feed only).
    /// </summary>
    public string NewApp(string name, string projectTemplate, string program, bool withPublicFeed = false)
    {
        string app = Path.Combine(_root, name);
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, name + ".csproj"), projectTemplate.Replace("{{VERSION}}", Version, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(app, "Program.cs"), program);
        string machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string sources = withPublicFeed
            ? $"""
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local">
                  <package pattern="SseGen" />
                  <package pattern="SseGen.*" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
              <fallbackPackageFolders>
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
            """
            : $"""
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
              </packageSources>
            """;
        File.WriteAllText(Path.Combine(app, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
            {sources}
            </configuration>
            """);
        return app;
    }

    public async Task<(int ExitCode, string Output)> DotnetAsync(string directory, string[] arguments, CancellationToken cancellationToken)
    {
        await using ChildProcess process = ChildProcess.Start("dotnet", arguments, directory, new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(_root, "nuget-packages"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["MSBUILDDISABLENODEREUSE"] = "1",
        });
        int exitCode = await process.WaitForExitAsync(cancellationToken);
        return (exitCode, process.Output);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
