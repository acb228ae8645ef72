using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using SseGen.IntegrationTests.RealPrograms;
using SseGen.TestApp;

namespace SseGen.IntegrationTests.Package;

/// <summary>
/// A client-only app from the local feed: a console app that references <c>SseGen.Client</c> and a contract project that
/// references <c>SseGen.Abstractions</c> alone (the sources the test app maps), gets the generated client of that contract,
/// has no ASP.NET Core anywhere in its graph, compiles with native AOT without a trim or AOT warning, and streams typed
/// events from the test app.
/// </summary>
[Collection(nameof(PackageCollection))]
public sealed partial class ClientOnlyPackageTests(PackedSseGen packed)
{
    private const string ProjectFile = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <RuntimeIdentifier>linux-x64</RuntimeIdentifier>
            <PublishAot>true</PublishAot>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="SseGen.Client" Version="{{VERSION}}" />
            <ProjectReference Include="Contracts/Market.Contracts.csproj" />
            <Compile Remove="Contracts/**" />
          </ItemGroup>
        </Project>
        """;

    // The contract project a team shares between server and clients: SseGen's attributes alone, and the very sources of
    // tests/SseGen.TestContracts, which the test app references and maps. So both sides compile one definition.
    private const string ContractProjectFile = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <IsAotCompatible>true</IsAotCompatible>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="SseGen.Abstractions" Version="{{VERSION}}" />
            <Compile Include="{{CONTRACTS}}/*.cs" />
          </ItemGroup>
        </Project>
        """;

    private const string Program = """
        using System.Globalization;
        using SseGen.Client;
        using SseGen.TestContracts;

        using var http = new HttpClient { BaseAddress = new Uri(args[0]) };
        IMarketFeeds market = MarketClient.Create(new SseClient(http));
        await foreach (MarketEvent e in market.Session("ACME", 2, CancellationToken.None))
        {
            Console.WriteLine(e switch
            {
                Opened opened => $"opened {opened.Symbol} {opened.Trades}",
                Trade trade => $"trade {trade.Sequence} {trade.Price.ToString(CultureInfo.InvariantCulture)}",
                Closed closed => $"closed {closed.Symbol}",
                _ => "unexpected " + e.GetType().Name,
            });
        }

        Console.WriteLine("end of stream");

        [SseClient(typeof(IMarketFeeds), JsonContext = typeof(MarketJsonContext))]
        internal sealed partial class MarketClient;
        """;

    [Fact]
    public void Abstractions_HoldTheAttributesAndTheGenerator_AndBothRuntimesDependOnThemWithTheirAnalyzers()
    {
        using ZipArchive abstractions = ZipFile.OpenRead(packed.PackageOf("SseGen.Abstractions"));
        string[] entries = [.. abstractions.Entries.Select(e => e.FullName)];
        Assert.Contains("lib/net10.0/SseGen.Abstractions.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/SseGen.Generator.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/SseGen.CodeFixes.dll", entries);

        foreach (string runtime in new[] { "SseGen", "SseGen.Client" })
        {
            using ZipArchive package = ZipFile.OpenRead(packed.PackageOf(runtime));
            string nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open()).ReadToEnd();
            Match dependency = Regex.Match(nuspec, "<dependency id=\"SseGen.Abstractions\"[^>]*>");
            Assert.True(dependency.Success, nuspec);
            Assert.DoesNotContain("Analyzers", dependency.Value, StringComparison.Ordinal);
            Assert.DoesNotContain(package.Entries, e => e.FullName.StartsWith("analyzers/", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ClientOnlyApp_HasNoAspNetCore_PublishesWithNativeAotWithoutWarnings_AndStreamsTypedEvents()
    {
        CancellationToken ct = TestTimeout.After(600);
        string app = packed.NewApp("ClientOnly", ProjectFile, Program, withPublicFeed: true);
        Directory.CreateDirectory(Path.Combine(app, "Contracts"));
        await File.WriteAllTextAsync(
            Path.Combine(app, "Contracts", "Market.Contracts.csproj"),
            ContractProjectFile.Replace("{{VERSION}}", packed.Version, StringComparison.Ordinal)
                .Replace("{{CONTRACTS}}", Path.Combine(Repository.Root, "tests", "SseGen.TestContracts"), StringComparison.Ordinal),
            ct);

        (int exitCode, string output) = await packed.DotnetAsync(app, ["publish", "-c", "Release", "-o", "out"], ct);

        Assert.True(exitCode == 0, output);
        Assert.Empty(TrimOrAotWarning().Matches(output).Select(m => m.Value).Distinct());
        Assert.Empty(AnyWarning().Matches(output).Select(m => m.Value).Distinct());
        AssertNoAspNetCoreInTheGraph(await File.ReadAllTextAsync(Path.Combine(app, "obj", "project.assets.json"), ct));
        string[] deps = Directory.GetFiles(Path.Combine(app, "bin"), "*.deps.json", SearchOption.AllDirectories);
        Assert.NotEmpty(deps);
        Assert.All(deps, d => Assert.DoesNotContain("Microsoft.AspNetCore", File.ReadAllText(d), StringComparison.Ordinal));

        WebApplication server = TestAppHost.Create("--urls", "http://127.0.0.1:0");
        await server.StartAsync(ct);
        try
        {
            await using ChildProcess client = ChildProcess.Start(Path.Combine(app, "out", "ClientOnly"), [server.Urls.Single()], app);
            Assert.Equal(0, await client.WaitForExitAsync(ct));
            Assert.Equal(
                ["opened ACME 2", "trade 1 100.25", "trade 2 100.5", "closed ACME", "end of stream"],
                client.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        finally
        {
            await server.StopAsync(CancellationToken.None);
            await server.DisposeAsync();
        }
    }

    /// <summary>
    /// Neither the app nor any package in its graph references ASP.NET Core: no such framework reference, no such library.
    /// (The SDK may still list ASP.NET Core's runtime pack under <c>downloadDependencies</c> of a RID-specific restore, as it
    /// does for every known framework unless <c>DisableTransitiveFrameworkReferenceDownloads</c> is set: a download, not a reference.)
    /// </summary>
    private static void AssertNoAspNetCoreInTheGraph(string projectAssets)
    {
        using JsonDocument assets = JsonDocument.Parse(projectAssets);
        JsonElement root = assets.RootElement;
        string[] libraries = [.. root.GetProperty("libraries").EnumerateObject().Select(p => p.Name)];
        Assert.Contains(libraries, l => l.StartsWith("SseGen.Client/", StringComparison.Ordinal));
        Assert.Contains(libraries, l => l.StartsWith("SseGen.Abstractions/", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, l => l.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));

        JsonElement framework = root.GetProperty("project").GetProperty("frameworks").EnumerateObject().Single().Value;
        Assert.Equal(["Microsoft.NETCore.App"], framework.GetProperty("frameworkReferences").EnumerateObject().Select(p => p.Name));

        string[] referencedByPackages =
        [
            .. root.GetProperty("targets").EnumerateObject()
                .SelectMany(target => target.Value.EnumerateObject())
                .Where(library => library.Value.TryGetProperty("frameworkReferences", out _))
                .SelectMany(library => library.Value.GetProperty("frameworkReferences").EnumerateArray().Select(f => library.Name + " → " + f.GetString())),
        ];
        Assert.DoesNotContain(referencedByPackages, r => r.Contains("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"warning IL\d{4}[^\r\n]*")]
    private static partial Regex TrimOrAotWarning();

    // dotnet publish prints no warning count: any MSBuild-format warning (CS, IL, NU, SSE...) fails the test.
    [GeneratedRegex(@"warning [A-Z]+\d+[^\r\n]*")]
    private static partial Regex AnyWarning();
}
