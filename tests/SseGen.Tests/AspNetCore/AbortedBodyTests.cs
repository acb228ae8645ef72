using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SseGen.Tests.AspNetCore;

/// <summary>
/// A body whose reader is gone, as Kestrel leaves it the moment it aborts a stream (a send timeout, an HTTP/2 reset),
/// before it signals <c>RequestAborted</c> on the thread pool: in that window every flush returns at once, completed.
/// </summary>
public sealed class AbortedBodyTests
{
    [Fact]
    public async Task FlushThatFindsTheBodyCompleted_StopsPullingItems_WhileRequestAbortedHasNotFiredYet()
    {
        var pipe = new Pipe();
        await pipe.Reader.CompleteAsync();
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpResponseBodyFeature>(new PipeBody(pipe.Writer));
        var pulled = new StrongBox<int>();

        await SseResponse.StreamAsync(context, Items(pulled, TestContext.Current.CancellationToken), static (w, i) => w.WriteEvent(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken: TestContext.Current.CancellationToken);

        // The first flush finds the body completed; at most the item already being produced is pulled after it.
        Assert.InRange(pulled.Value, 1, 2);
    }

    // Each item waits a moment, so every one is flushed on its own, as a live stream's are.
    private static async IAsyncEnumerable<int> Items(StrongBox<int> pulled, [EnumeratorCancellation] CancellationToken ct)
    {
        for (int i = 0; i < 1_000; i++)
        {
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            pulled.Value++;
            yield return i;
        }
    }

    private sealed class PipeBody(PipeWriter writer) : IHttpResponseBodyFeature
    {
        public Stream Stream => writer.AsStream();

        public PipeWriter Writer => writer;

        public void DisableBuffering()
        {
        }

        public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task CompleteAsync() => writer.CompleteAsync().AsTask();
    }
}
