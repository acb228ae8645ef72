using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text.RegularExpressions;

namespace SseGen.IntegrationTests.RealPrograms;

/// <summary>
/// The sample compiled with native AOT: the compiler reports every trim and AOT problem of the generated endpoints
/// and the runtime, and the native binary must then serve the same streams.
/// </summary>
[Collection(nameof(NativeAotSampleCollection))]
public sealed partial class NativeAotSampleTests(NativeAotSample sample)
{
    [Fact]
    public void Publish_ReportsNoTrimOrAotWarnings()
    {
        Assert.Empty(TrimOrAotWarning().Matches(sample.PublishOutput).Select(m => m.Value).Distinct());
    }

    [Fact]
    public async Task NativeBinary_StreamsTheTypedUnion()
    {
        CancellationToken ct = TestTimeout.After(60);
        await using ChildProcess server = await sample.StartAsync(ct);
        using var client = new HttpClient { BaseAddress = sample.BaseAddress };
        using HttpResponseMessage response = await client.GetAsync("streams/chat/aot", HttpCompletionOption.ResponseHeadersRead, ct);

        List<string> types = await SampleChecks.ReadChatUntilSomeoneLeavesAsync(response, "aot", ct);

        Assert.Equal(["joined", "said", "left"], types);
    }

    [Fact]
    public async Task NativeBinary_AnswersABadArgumentWith400ProblemDetails()
    {
        CancellationToken ct = TestTimeout.After(60);
        await using ChildProcess server = await sample.StartAsync(ct);
        await SampleChecks.AssertBadArgumentGets400Async(sample.BaseAddress, ct);
    }

    [Fact]
    public async Task NativeBinary_ResumesTheCounterFromLastEventId()
    {
        CancellationToken ct = TestTimeout.After(60);
        await using ChildProcess server = await sample.StartAsync(ct);
        using var client = new HttpClient { BaseAddress = sample.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "streams/counter");
        request.Headers.Add("Last-Event-ID", "41");
        using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);

        SseItem<string>? first = null;
        await foreach (SseItem<string> item in SseParser.Create(await response.Content.ReadAsStreamAsync(ct)).EnumerateAsync(ct))
        {
            first = item;
            break;
        }

        // An empty stream must fail too: the first event, not just any events that came, is the resumed count.
        Assert.NotNull(first);
        Assert.Equal(("count", "42", "42"), (first.Value.EventType, first.Value.EventId, first.Value.Data));
    }

    [GeneratedRegex(@"warning IL\d{4}[^\r\n]*")]
    private static partial Regex TrimOrAotWarning();

}

// Alone, never beside the package tests: both build the runtime in Release, in the same obj folder.
[CollectionDefinition(nameof(NativeAotSampleCollection), DisableParallelization = true)]
public sealed class NativeAotSampleCollection : ICollectionFixture<NativeAotSample>;

/// <summary>Publishes the sample with native AOT once (<c>-p:AotCheck=true</c>, see its project file) into a temp folder.</summary>
public sealed class NativeAotSample : IAsyncLifetime
{
    private readonly string _output = Directory.CreateTempSubdirectory("ssegen-aot-").FullName;
    private int _port;

    public string PublishOutput { get; private set; } = "";

    public Uri BaseAddress => new($"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}/");

    public async ValueTask InitializeAsync()
    {
        RealProgram.Require("gcc", "gcc");
        string repository = Repository.Root;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await using ChildProcess publish = ChildProcess.Start(
            "dotnet",
            ["publish", Path.Combine(repository, "sample", "SseGen.Sample", "SseGen.Sample.csproj"), "-c", "Release", "-p:AotCheck=true", "-o", _output],
            repository,
            new Dictionary<string, string> { ["MSBUILDDISABLENODEREUSE"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });
        int exitCode = await publish.WaitForExitAsync(timeout.Token);
        PublishOutput = publish.Output;
        Assert.True(exitCode == 0, PublishOutput);
        Assert.True(File.Exists(Path.Combine(_output, "SseGen.Sample")), $"no native binary in {_output}:\n{PublishOutput}");
    }

    /// <summary>Starts the native binary on a free loopback port, in its publish folder (its wwwroot is there).</summary>
    internal async Task<ChildProcess> StartAsync(CancellationToken cancellationToken)
    {
        _port = ChildProcess.FreePort();
        ChildProcess process = ChildProcess.Start(Path.Combine(_output, "SseGen.Sample"), ["--urls", BaseAddress.ToString().TrimEnd('/')], _output);
        await process.WaitForPortAsync(_port, cancellationToken);
        return process;
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_output, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
