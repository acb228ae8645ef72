using System.IO.Compression;
using System.Net;
using System.Net.ServerSentEvents;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;

namespace SseGen.Tests.Peers;

/// <summary>
/// What ASP.NET Core's response compression does to event streams, observed on real Kestrel with a gzip-accepting client
/// (the facts SSE1008 rests on). Each case releases the next event only once the client has read the previous one, so an
/// event the middleware holds back shows as a wait that times out, never as a slow test.
/// </summary>
public sealed class ResponseCompressionTests
{
    [Fact]
    public void DefaultMimeTypes_DoNotIncludeEventStreams()
    {
        Assert.DoesNotContain("text/event-stream", ResponseCompressionDefaults.MimeTypes);
    }

    [Fact]
    public async Task EventStreamInMimeTypes_FlushPerEvent_IsCompressed_AndEachEventStillArrivesAtOnce()
    {
        await using var server = await CompressingServer.StartAsync(flushEachEvent: true);

        (string? encoding, List<string> events) = await server.ReadWithStepsAsync(3);

        Assert.Equal("gzip", encoding);
        Assert.Equal(["0", "1", "2"], events);
    }

    [Fact]
    public async Task EventStreamInMimeTypes_NoFlush_HoldsEveryEventUntilTheStreamEnds()
    {
        await using var server = await CompressingServer.StartAsync(flushEachEvent: false);

        bool firstArrivedAlone = await server.FirstEventArrivesBeforeTheEndAsync();

        Assert.False(firstArrivedAlone);
    }

    [Fact]
    public async Task WithoutCompression_TheSameUnflushedStream_DeliversEachEventAtOnce()
    {
        await using var server = await CompressingServer.StartAsync(flushEachEvent: false, mimeTypes: ResponseCompressionDefaults.MimeTypes);

        Assert.True(await server.FirstEventArrivesBeforeTheEndAsync());
    }

    [Fact]
    public async Task WildcardMimeType_CompressesEventStreams_AndHoldsUnflushedEvents()
    {
        await using var server = await CompressingServer.StartAsync(flushEachEvent: false, mimeTypes: ["*/*"]);

        Assert.False(await server.FirstEventArrivesBeforeTheEndAsync());
    }

    [Fact]
    public async Task ExcludedMimeTypes_TakesEventStreamsOutOfAWildcard()
    {
        await using var server = await CompressingServer.StartAsync(flushEachEvent: false, mimeTypes: ["*/*"], excluded: ["text/event-stream"]);

        Assert.True(await server.FirstEventArrivesBeforeTheEndAsync());
    }

    [Fact]
    public async Task SseGenStream_IsNeverCompressed_EvenWithEventStreamInMimeTypes()
    {
        await using var server = await CompressingServer.StartAsync(flushEachEvent: true, useSseGen: true);

        (string? encoding, List<string> events) = await server.ReadWithStepsAsync(3);

        Assert.Equal("identity", encoding);
        Assert.Equal(["0", "1", "2"], events);
    }

    private sealed class CompressingServer : IAsyncDisposable
    {
        private readonly LoopbackApp _app;
        private readonly SemaphoreSlim _next;

        private CompressingServer(LoopbackApp app, SemaphoreSlim next)
        {
            _app = app;
            _next = next;
        }

        public static async Task<CompressingServer> StartAsync(bool flushEachEvent, bool useSseGen = false, IEnumerable<string>? mimeTypes = null, IEnumerable<string>? excluded = null)
        {
            var next = new SemaphoreSlim(0);
            LoopbackApp app = await LoopbackApp.StartAsync(
                web =>
                {
                    web.UseResponseCompression();
                    web.MapGet("/events", async (HttpContext context) =>
                    {
                        if (useSseGen)
                        {
                            await SseResponse.StreamAsync(context, Stepped(next, 3, context.RequestAborted), static (w, s) => w.WriteEvent(s), cancellationToken: context.RequestAborted);
                            return;
                        }

                        context.Response.ContentType = "text/event-stream";
                        for (int i = 0; i < 3; i++)
                        {
                            if (i > 0)
                            {
                                await next.WaitAsync(TimeSpan.FromSeconds(5), context.RequestAborted);
                            }

                            // Body.WriteAsync, not Response.WriteAsync(string): that extension flushes after every write.
                            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes($"data: {i}\n\n"), context.RequestAborted);
                            if (flushEachEvent)
                            {
                                await context.Response.Body.FlushAsync(context.RequestAborted);
                            }
                        }
                    });
                },
                services => services.AddResponseCompression(o =>
                {
                    o.MimeTypes = mimeTypes ?? [.. ResponseCompressionDefaults.MimeTypes, "text/event-stream"];
                    o.ExcludedMimeTypes = excluded ?? [];
                }));
            return new CompressingServer(app, next);
        }

        /// <summary>Reads <paramref name="count"/> events, releasing each next one only after the previous arrived.</summary>
        public async Task<(string? Encoding, List<string> Events)> ReadWithStepsAsync(int count)
        {
            CancellationToken ct = TestTimeout.After(20);
            using HttpClient http = NewClient();
            using HttpResponseMessage response = await http.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead, ct);
            string? encoding = response.Content.Headers.ContentEncoding.FirstOrDefault();
            await using Stream body = await response.Content.ReadAsStreamAsync(ct);
            var events = new List<string>();
            await foreach (SseItem<string> item in SseParser.Create(Decompressed(body, encoding)).EnumerateAsync(ct))
            {
                events.Add(item.Data);
                _next.Release();
                if (events.Count == count)
                {
                    break;
                }
            }

            return (encoding, events);
        }

        /// <summary>Whether the first event can be read while the server waits to write the second.</summary>
        public async Task<bool> FirstEventArrivesBeforeTheEndAsync()
        {
            using HttpClient http = NewClient();
            using HttpResponseMessage response = await http.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead, TestTimeout.After(20));
            string? encoding = response.Content.Headers.ContentEncoding.FirstOrDefault();
            await using Stream body = await response.Content.ReadAsStreamAsync(TestTimeout.After(20));

            // The server writes the second event after 5 s at the latest; the first alone must come well before that.
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await foreach (SseItem<string> item in SseParser.Create(Decompressed(body, encoding)).EnumerateAsync(wait.Token))
                {
                    return item.Data == "0";
                }
            }
            catch (OperationCanceledException)
            {
            }

            return false;
        }

        public async ValueTask DisposeAsync()
        {
            _next.Release(10);
            await _app.DisposeAsync();
        }

        private static Stream Decompressed(Stream body, string? encoding) =>
            encoding == "gzip" ? new GZipStream(body, CompressionMode.Decompress) : body;

        private HttpClient NewClient()
        {
            // Decompression by hand: the test must see Content-Encoding to tell a compressed stream from one that is not.
            var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = _app.BaseAddress };
            http.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip");
            return http;
        }

        private static async IAsyncEnumerable<string> Stepped(SemaphoreSlim next, int count, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        {
            for (int i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    await next.WaitAsync(TimeSpan.FromSeconds(5), ct);
                }

                yield return i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }
}
