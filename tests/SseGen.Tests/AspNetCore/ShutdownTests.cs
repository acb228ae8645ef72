using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SseGen.Tests.Broadcast;

namespace SseGen.Tests.AspNetCore;

/// <summary>Host shutdown with streams open on a real Kestrel server: items stop, bodies end with their terminator, only a bounded wait aborts.</summary>
[Collection(nameof(SerialResilience))]
public sealed class ShutdownTests(ITestOutputHelper output)
{
    private const int EventBytes = 1024;

    [Fact]
    public async Task Shutdown_WithFastProducerAndSlowReaders_EndsEveryBodyWithTheTerminator_AndNoEventIsCut()
    {
        const int Streams = 20;
        const int SlowReaders = 5;
        var produced = new StrongBox<int>[Streams];
        for (int i = 0; i < Streams; i++)
        {
            produced[i] = new StrongBox<int>();
        }

        await using LoopbackApp app = await LoopbackApp.StartAsync(
            web => web.MapGet("/fast/{n:int}", (HttpContext context, int n) =>
                SseResponse.StreamAsync(context, Fast(produced[n]), WriteNumbered, cancellationToken: context.RequestAborted)),
            services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20)));
        CancellationToken ct = TestTimeout.After(40);
        var clients = new List<RawCapture>();
        for (int n = 0; n < Streams; n++)
        {
            NetworkStream stream = await app.SendGetAsync($"/fast/{n}", ct);
            bool slow = n < SlowReaders;
            if (slow)
            {
                stream.Socket.ReceiveBufferSize = 16 * 1024;
            }

            clients.Add(RawCapture.Start(stream, slow ? 16 * 1024 : 64 * 1024, slow ? TimeSpan.FromMilliseconds(10) : TimeSpan.Zero, ct));
        }

        // Mid-stream: every client has events, and the producers are still going.
        var clock = Stopwatch.StartNew();
        await WaitForAsync(() => clients.All(c => c.Length > 256 * 1024), ct);
        output.WriteLine($"mid-stream after {clock.ElapsedMilliseconds} ms");

        await app.StopAsync(ct);
        output.WriteLine($"stopped after {clock.ElapsedMilliseconds} ms");

        var failures = new List<string>();
        for (int n = 0; n < Streams; n++)
        {
            string who = $"client {n} ({(n < SlowReaders ? "slow" : "normal")})";
            (byte[] raw, Exception? error) = await clients[n].Completion;
            output.WriteLine($"{who}: {raw.Length:N0} B by {clock.ElapsedMilliseconds} ms");
            try
            {
                Assert.True(error is null, $"{who} got {error?.GetType().Name}: {error?.Message}");
                int events = AssertWholeNumberedEvents(await DecodeBodyAsync(raw, CancellationToken.None), n);
                Assert.True(Volatile.Read(ref produced[n].Value) == events, $"{who} got {events} of the {produced[n].Value} events pulled");
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                string tail = Encoding.ASCII.GetString(raw, Math.Max(0, raw.Length - 40), Math.Min(40, raw.Length)).Replace("\r", "\\r").Replace("\n", "\\n");
                failures.Add($"{who}: {exception.Message}; {raw.Length} B, ending '{tail}'");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Shutdown_ReaderThatNeverReads_IsAbortedOnlyAfterTheShutdownTimeout_AndShutdownCompletes()
    {
        var shutdownTimeout = TimeSpan.FromSeconds(2);
        var produced = new StrongBox<int>();
        var streamEnded = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using LoopbackApp app = await LoopbackApp.StartAsync(
            web => web.MapGet("/stuck", async (HttpContext context) =>
            {
                await SseResponse.StreamAsync(context, Fast(produced), WriteNumbered, new SseStreamOptions { EndpointName = "stuck" }, context.RequestAborted);
                streamEnded.TrySetResult(Stopwatch.GetTimestamp());
            }),
            services => services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout));
        CancellationToken ct = TestTimeout.After(30);
        await using NetworkStream stream = await app.SendGetAsync("/stuck", ct);
        stream.Socket.ReceiveBufferSize = 4096;

        // Read nothing: once the producer stops being pulled, the server's flush is waiting on this client.
        await WaitForStableAsync(() => Volatile.Read(ref produced.Value), ct);

        long stopCalled = Stopwatch.GetTimestamp();
        Task stopping = app.StopAsync(ct);
        long endedAt = await streamEnded.Task.WaitAsync(ct);
        await stopping.WaitAsync(shutdownTimeout + TimeSpan.FromSeconds(5), ct);

        TimeSpan held = Stopwatch.GetElapsedTime(stopCalled, endedAt);
        Assert.True(held >= shutdownTimeout, $"the stream ended {held.TotalMilliseconds:F0} ms after shutdown began, before the {shutdownTimeout.TotalSeconds} s timeout");
        Assert.Contains(app.Logs.Records, r => r.Category == "SseGen" && r.EventId.Id == 7 && r.Message.Contains("'stuck'", StringComparison.Ordinal));
        var body = new StrictChunkedReader(stream);
        Assert.Equal("HTTP/1.1 200 OK", (await body.ReadResponseHeadAsync(ct)).Status);
        await Assert.ThrowsAnyAsync<Exception>(async () => await body.ReadToEndAsync(ct));
    }

    [Fact]
    public async Task Shutdown_CancelsTheItemsToken_AndDisposesTheEnumerator_WhileItWaitsForItsNextItem()
    {
        var tokenCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var disposed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using LoopbackApp app = await LoopbackApp.StartAsync(
            web => web.MapGet("/waiting", (HttpContext context) =>
                SseResponse.StreamAsync(context, OneThenWait(tokenCancelled, disposed), static (w, s) => w.WriteEvent(s), cancellationToken: context.RequestAborted)),
            services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20)));
        CancellationToken ct = TestTimeout.After(30);
        await using NetworkStream stream = await app.SendGetAsync("/waiting", ct);
        var reader = new StrictChunkedReader(stream);
        Assert.Equal("HTTP/1.1 200 OK", (await reader.ReadResponseHeadAsync(ct)).Status);
        Assert.Equal("first", Assert.Single(SseOracle.Parse(await reader.ReadChunkAsync(ct))).Data);

        Task stopping = app.StopAsync(ct);

        await tokenCancelled.Task.WaitAsync(ct);
        await disposed.Task.WaitAsync(ct);
        Assert.Empty(await reader.ReadToEndAsync(ct));
        await stopping.WaitAsync(ct);
    }

    [Fact]
    public async Task Shutdown_StopsPullingItemsThatIgnoreTheirToken_AndEndsTheBody()
    {
        var produced = new StrongBox<int>();
        await using LoopbackApp app = await LoopbackApp.StartAsync(
            web => web.MapGet("/deaf", (HttpContext context) =>
                SseResponse.StreamAsync(context, ReadyForever(produced), WriteNumbered, cancellationToken: context.RequestAborted)),
            services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20)));
        CancellationToken ct = TestTimeout.After(30);
        NetworkStream stream = await app.SendGetAsync("/deaf", ct);
        RawCapture client = RawCapture.Start(stream, 64 * 1024, TimeSpan.Zero, ct);
        await WaitForAsync(() => client.Length > 32 * 1024, ct);

        await app.StopAsync(ct);

        (byte[] raw, Exception? error) = await client.Completion.WaitAsync(ct);
        Assert.Null(error);
        int events = AssertWholeNumberedEvents(await DecodeBodyAsync(raw, ct), 0);
        Assert.Equal(Volatile.Read(ref produced.Value), events);
    }

    [Fact]
    public async Task Shutdown_EndsATopicSubscriptionOnTheConnectionsToken_WithTheTerminator_AndItLeavesTheTopic()
    {
        // A subscription on RequestAborted (as the generated endpoints pass it) gets no token source of its own: the
        // host's stopping stops its enumerator instead. The stream must still end as a stopped stream does.
        SseTopic<Tick> topic = TopicTestKit.Topic();
        await using LoopbackApp app = await LoopbackApp.StartAsync(
            web => web.MapGet("/topic", (HttpContext context) =>
                SseResponse.StreamAsync(context, topic.SubscribeAsync(lastEventId: null, context.RequestAborted), static (w, f) => w.WriteFrame(f), new SseStreamOptions { EndSentinel = "done" }, context.RequestAborted)),
            services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20)));
        CancellationToken ct = TestTimeout.After(30);
        await using NetworkStream stream = await app.SendGetAsync("/topic", ct);
        var reader = new StrictChunkedReader(stream);
        Assert.Equal("HTTP/1.1 200 OK", (await reader.ReadResponseHeadAsync(ct)).Status);
        await WaitForAsync(() => topic.SubscriberCount == 1, ct);
        await topic.PublishAsync(new Tick(1, "one"), ct);
        Assert.Contains("\"one\"", Assert.Single(SseOracle.Parse(await reader.ReadChunkAsync(ct))).Data, StringComparison.Ordinal);

        Task stopping = app.StopAsync(ct);

        // No end sentinel (a stopped stream may be resumed), nothing after the event, then the zero-length chunk.
        Assert.Empty(await reader.ReadToEndAsync(ct));
        await stopping.WaitAsync(ct);
        Assert.Equal(0, topic.SubscriberCount);
    }

    private static void WriteNumbered(SseFrameWriter writer, int i) =>
        writer.WriteEvent(i.ToString(CultureInfo.InvariantCulture).PadRight(EventBytes, 'x'), id: i.ToString(CultureInfo.InvariantCulture));

    /// <summary>Checks that every chunk holds whole events numbered 0, 1, 2, … and returns how many there were.</summary>
    private static int AssertWholeNumberedEvents(List<byte[]> chunks, int stream)
    {
        int expected = 0;
        foreach (byte[] chunk in chunks)
        {
            Assert.True(chunk.AsSpan().EndsWith("\n\n"u8), $"stream {stream}: a chunk ends inside an event");
            foreach (var item in SseOracle.Parse(chunk))
            {
                string id = expected.ToString(CultureInfo.InvariantCulture);
                Assert.Equal(id, item.EventId);
                Assert.Equal(id.PadRight(EventBytes, 'x'), item.Data);
                expected++;
            }
        }

        return expected;
    }

    private static async Task<List<byte[]>> DecodeBodyAsync(byte[] raw, CancellationToken ct)
    {
        using var bytes = new MemoryStream(raw);
        var reader = new StrictChunkedReader(bytes);
        Assert.Equal("HTTP/1.1 200 OK", (await reader.ReadResponseHeadAsync(ct)).Status);
        List<byte[]> chunks = await reader.ReadToEndAsync(ct);
        Assert.Equal(raw.Length, bytes.Position);
        return chunks;
    }

    private static async Task WaitForAsync(Func<bool> condition, CancellationToken ct)
    {
        while (!condition())
        {
            await Task.Delay(20, ct);
        }
    }

    /// <summary>
    /// Waits until <paramref name="value"/> is non-zero and has not moved for four checks 300 ms apart. One quiet check
    /// was not enough on a loaded machine: a producer that is merely not scheduled for 300 ms looks stuck, the flush is
    /// not yet waiting on the client, and the stream then ends before the shutdown timeout.
    /// </summary>
    private static async Task WaitForStableAsync(Func<int> value, CancellationToken ct)
    {
        const int QuietChecks = 4;
        int seen = -1;
        int quiet = 0;
        while (quiet < QuietChecks)
        {
            int now = value();
            quiet = now != 0 && now == seen ? quiet + 1 : 0;
            seen = now;
            await Task.Delay(300, ct);
        }
    }

    private static async IAsyncEnumerable<int> Fast(StrongBox<int> produced, [EnumeratorCancellation] CancellationToken ct = default)
    {
        for (int i = 0; i < 1_000_000; i++)
        {
            ct.ThrowIfCancellationRequested();
            produced.Value = i + 1;
            yield return i;
            await Task.Yield();
        }
    }

    private static async IAsyncEnumerable<int> ReadyForever(StrongBox<int> produced)
    {
        for (int i = 0; i < 10_000_000; i++)
        {
            produced.Value = i + 1;
            yield return i;
        }

        await Task.CompletedTask;
    }

    private static async IAsyncEnumerable<string> OneThenWait(TaskCompletionSource tokenCancelled, TaskCompletionSource disposed, [EnumeratorCancellation] CancellationToken ct = default)
    {
        using CancellationTokenRegistration registration = ct.Register(tokenCancelled.SetResult);
        try
        {
            yield return "first";
            await Task.Delay(Timeout.Infinite, ct);
        }
        finally
        {
            disposed.SetResult();
        }
    }

    /// <summary>Reads a connection's raw bytes until the server closes it (or resets it), in reads of at most a given size.</summary>
    private sealed class RawCapture
    {
        private readonly MemoryStream _bytes = new();

        private RawCapture()
        {
        }

        public Task<(byte[] Raw, Exception? Error)> Completion { get; private set; } = null!;

        public long Length
        {
            get
            {
                lock (_bytes)
                {
                    return _bytes.Length;
                }
            }
        }

        public static RawCapture Start(NetworkStream stream, int readSize, TimeSpan pause, CancellationToken ct)
        {
            var capture = new RawCapture();
            capture.Completion = Task.Run(() => capture.RunAsync(stream, readSize, pause, ct), ct);
            return capture;
        }

        private async Task<(byte[], Exception?)> RunAsync(NetworkStream stream, int readSize, TimeSpan pause, CancellationToken ct)
        {
            await using NetworkStream owned = stream;
            byte[] buffer = new byte[readSize];
            Exception? error = null;
            try
            {
                int read;
                while ((read = await owned.ReadAsync(buffer, ct)) > 0)
                {
                    lock (_bytes)
                    {
                        _bytes.Write(buffer, 0, read);
                    }

                    if (pause > TimeSpan.Zero)
                    {
                        await Task.Delay(pause, ct);
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException)
            {
                error = exception;
            }

            lock (_bytes)
            {
                return (_bytes.ToArray(), error);
            }
        }
    }
}
