using System.Globalization;
using System.Reflection;

namespace SseGen.IntegrationTests.RealPrograms;

/// <summary>
/// The sample app, started as its own process on a free loopback port as <c>dotnet run</c> would: Development, in the
/// project folder.
/// </summary>
internal sealed class SampleApp : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private SampleApp(ChildProcess process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    public Uri BaseAddress { get; }

    public string Output => _process.Output;

    public static Task<SampleApp> StartAsync(CancellationToken cancellationToken) => StartAsync(ChildProcess.FreePort(), cancellationToken);

    /// <summary>Starts the sample on <paramref name="port"/>: a test restarting it gives the port it had, as a redeploy would.</summary>
    public static async Task<SampleApp> StartAsync(int port, CancellationToken cancellationToken)
    {
        string assembly = typeof(SampleApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SampleAssembly").Value!;
        Assert.True(File.Exists(assembly), $"the sample was not built: {assembly}");
        ChildProcess process = ChildProcess.Start(
            "dotnet",
            [assembly, "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"],
            // The project folder, as `dotnet run` uses: the content root whose wwwroot holds the page.
            Path.GetFullPath(Path.Combine(Path.GetDirectoryName(assembly)!, "..", "..", "..")),
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Logging__LogLevel__Default"] = "Warning" });
        var sample = new SampleApp(process, port);
        await process.WaitForPortAsync(port, cancellationToken);
        return sample;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
