using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SseGen.IntegrationTests.RealPrograms;

/// <summary>curl, as people debug event streams: <c>curl -N</c> must print each event as it is sent.</summary>
public sealed class CurlTests
{
    [Fact]
    public async Task CurlNoBuffer_PrintsEachEvent_BeforeTheResponseEnds()
    {
        string curl = RealProgram.Require("curl", "curl");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using LoopbackApp app = await LoopbackApp.StartAsync(web => web.MapGet("/held", (HttpContext context) =>
            SseResponse.StreamAsync(context, HeldAfterFirst(release.Task), static (w, s) => w.WriteEvent(s, eventType: "note"), cancellationToken: context.RequestAborted)));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));

        await using ChildProcess process = ChildProcess.Start(curl, ["-sS", "-N", "--max-time", "25", new Uri(app.BaseAddress, "/held").ToString()]);

        // The stream is held open after the first event; curl must show it anyway.
        while (!process.Output.Contains("data: first", StringComparison.Ordinal))
        {
            Assert.False(process.HasExited, $"curl exited early:\n{process.Output}");
            await Task.Delay(20, timeout.Token);
        }

        Assert.DoesNotContain("data: second", process.Output, StringComparison.Ordinal);
        release.SetResult();
        Assert.Equal(0, await process.WaitForExitAsync(timeout.Token));
        Assert.Equal(["first", "second"], SseOracle.Parse(System.Text.Encoding.UTF8.GetBytes(process.Output.ReplaceLineEndings("\n"))).Select(i => i.Data));
    }

    private static async IAsyncEnumerable<string> HeldAfterFirst(Task release)
    {
        yield return "first";
        await release;
        yield return "second";
    }
}
