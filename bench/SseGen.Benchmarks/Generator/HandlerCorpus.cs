using System.Globalization;
using System.Text;

namespace SseGen.Benchmarks.Generator;

/// <summary>
/// Hand-written handlers beside <see cref="EndpointCorpus"/>, for the framing analyzers: 30 controller classes of 10
/// handlers, cycling through an event stream read from a channel with a heartbeat, a JSON download, a stream written
/// through a <c>StreamWriter</c>, a minimal-API lambda, a controller action and a <c>TypedResults.ServerSentEvents</c>
/// handler, all calling shared helpers across files (one to three calls deep, an extension method among them).
/// </summary>
/// <remarks>
/// Every <see cref="MistakeEvery"/>-th handler hands its event stream to a helper that sets <c>Connection: close</c> three
/// calls down, so the benchmark's setup can check that the analyzers do follow the helpers: exactly
/// <see cref="ExpectedConnectionCloseReports"/> SSE1001 reports and nothing else. The templates are plain text with a
/// placeholder, not interpolated strings, so the benchmark project's own framing analyzers see no frames in them.
/// </remarks>
internal static class HandlerCorpus
{
    public const int HandlerClasses = 30;
    public const int HandlersPerClass = 10;
    public const int HandlerCount = HandlerClasses * HandlersPerClass;

    private const int Kinds = 6;
    private const int MistakeEvery = 5;

    /// <summary>Every <see cref="MistakeEvery"/>-th handler of kind 0 (the channel stream).</summary>
    public static int ExpectedConnectionCloseReports { get; } = Enumerable.Range(0, HandlerCount).Count(IsMistake);

    public static IEnumerable<(string Path, string Text)> Sources()
    {
        yield return ("Handlers/Http.cs", Helpers);
        for (int c = 0; c < HandlerClasses; c++)
        {
            yield return ($"Handlers/Handlers{c:00}.cs", HandlerClass(c));
        }
    }

    private const string Usings = """
        using System.IO;
        using System.Text;
        using System.Threading.Channels;
        using Microsoft.AspNetCore.Routing;

        """;

    private const string Helpers = Usings + """
        namespace Shop.Handlers;

        public static class Http
        {
            public static void NoCache(HttpResponse response)
            {
                response.Headers.CacheControl = "no-cache";
                Vary(response);
            }

            private static void Vary(HttpResponse response) => response.Headers.Vary = "Accept";

            public static void NoKeepAlive(HttpResponse response) => response.Headers.Connection = "close";

            public static void Legacy(HttpResponse response)
            {
                NoCache(response);
                Downgrade(response);
            }

            private static void Downgrade(HttpResponse response) => NoKeepAlive(response);

            public static Task FlushEventAsync(HttpContext context, CancellationToken cancellationToken) =>
                context.Response.Body.FlushAsync(cancellationToken);
        }

        public static class SseSetup
        {
            public static HttpResponse AsEventStream(this HttpResponse response)
            {
                response.ContentType = "text/event-stream";
                Http.NoCache(response);
                return response;
            }

            public static void Begin(HttpContext context) => context.Response.AsEventStream();
        }
        """;

    private static readonly string[] Templates =
    [
        // 0: an event stream read from a channel, a heartbeat comment on a 15 s timeout, flushed through a helper.
        """
            public static async Task Feed__N__(HttpContext ctx, ChannelReader<int> reader, CancellationToken ct)
            {
                ctx.Response.ContentType = "text/event-stream";
                Http.__HEADERS__(ctx.Response);
                while (!ct.IsCancellationRequested)
                {
                    Task<bool> ready = reader.WaitToReadAsync(ct).AsTask();
                    if (await Task.WhenAny(ready, Task.Delay(15_000, ct)) != ready)
                    {
                        await ctx.Response.WriteAsync(": keep-alive\n\n", ct);
                        continue;
                    }

                    while (reader.TryRead(out int n))
                    {
                        await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("data: " + n + "\n\n"), ct);
                    }

                    await Http.FlushEventAsync(ctx, ct);
                }
            }
        """,

        // 1: a JSON download that closes its connection and has a length: right for JSON, so not reported.
        """
            public static async Task Json__N__(HttpContext ctx, byte[] body)
            {
                ctx.Response.ContentType = "application/json";
                Http.NoKeepAlive(ctx.Response);
                ctx.Response.ContentLength = body.Length;
                await ctx.Response.Body.WriteAsync(body);
            }
        """,

        // 2: made an event stream by a helper (through an extension method), written through a StreamWriter.
        """
            public static async Task Ticks__N__(HttpContext ctx, CancellationToken ct)
            {
                SseSetup.Begin(ctx);
                await using var writer = new StreamWriter(ctx.Response.Body);
                for (int i = 0; !ct.IsCancellationRequested; i++)
                {
                    await writer.WriteAsync("data: " + i + "\n\n");
                    await writer.FlushAsync(ct);
                    await Task.Delay(1000, ct);
                }
            }
        """,

        // 3: a minimal-API lambda.
        """
            public static void Map__N__(IEndpointRouteBuilder app) =>
                app.MapGet("/handlers/__N__", async (HttpContext ctx, CancellationToken ct) =>
                {
                    ctx.Response.AsEventStream();
                    for (int i = 0; i < 100; i++)
                    {
                        await ctx.Response.WriteAsync("data: " + i + "\n\n", ct);
                        await Task.Delay(500, ct);
                    }
                });
        """,

        // 4: a controller action on its own Response, with a helper called on this.
        """
            [HttpGet("/controller/__N__")]
            public async Task Stream__N__(CancellationToken ct)
            {
                Response.ContentType = "text/event-stream";
                NoBuffering();
                for (int i = 0; i < 100; i++)
                {
                    await Response.WriteAsync("data: " + i + "\n\n", ct);
                    await Task.Delay(500, ct);
                }
            }
        """,

        // 5: TypedResults.ServerSentEvents, with a helper on the handler's response.
        """
            public static IResult Results__N__(HttpContext ctx, IAsyncEnumerable<int> source)
            {
                Http.NoCache(ctx.Response);
                return TypedResults.ServerSentEvents(source, eventType: "n");
            }
        """,
    ];

    private static bool IsMistake(int n) => n % Kinds == 0 && n / Kinds % MistakeEvery == 0;

    private static string HandlerClass(int c)
    {
        var s = new StringBuilder(Usings);
        s.Append("namespace Shop.Handlers.Area").Append((c % 10).ToString(CultureInfo.InvariantCulture)).Append(";\n\n");
        s.Append("public sealed class Handlers").Append(c.ToString("00", CultureInfo.InvariantCulture)).Append(" : ControllerBase\n{\n");
        s.Append("    private void NoBuffering() => Response.Headers[\"X-Accel-Buffering\"] = \"no\";\n\n");
        for (int h = 0; h < HandlersPerClass; h++)
        {
            int n = (c * HandlersPerClass) + h;
            string headers = IsMistake(n) ? "Legacy" : "NoCache";
            s.Append(Templates[n % Kinds]
                .Replace("__N__", n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("__HEADERS__", headers, StringComparison.Ordinal));
            s.Append("\n\n");
        }

        s.Append("}\n");
        return s.ToString();
    }
}
