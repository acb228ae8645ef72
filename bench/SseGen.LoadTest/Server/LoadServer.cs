using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SseGen.LoadTest.Server;

/// <summary>The Kestrel app under load, run in its own process so its CPU and memory are its own.</summary>
internal static class LoadServer
{
    /// <summary>The line the server prints once it listens; the client reads the port from it.</summary>
    public const string ListeningPrefix = "listening on port ";

    private static int _activeStreams;

    public static async Task<int> RunAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        KestrelWriteBuffer.Apply(builder.WebHost);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, LoadTestJsonContext.Default));
        builder.Services.AddSingleton<IClientFeeds, ClientFeeds>();

        WebApplication app = builder.Build();
        app.Use(async (context, next) =>
        {
            // Lets the client wait until every idle stream is inside its endpoint, and until all have left.
            if (context.Request.Path.StartsWithSegments("/stats"))
            {
                await next(context);
                return;
            }

            Interlocked.Increment(ref _activeStreams);
            try
            {
                await next(context);
            }
            finally
            {
                Interlocked.Decrement(ref _activeStreams);
            }
        });

        app.MapSseEndpoints();
        TypedResultsPeer.Map(app);
        SseFormatterPeer.Map(app);
        KestrelFloorPeer.Map(app);
        app.MapGet("/stats", (bool? collect) => TypedResults.Json(ReadStats(collect == true), LoadTestJsonContext.Default.ServerStats));

        await app.StartAsync();
        int port = new Uri(app.Urls.Single()).Port;
        Console.WriteLine(ListeningPrefix + port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // The client holds our stdin; when it goes away, however it went, so do we. SIGTERM stops the host as usual.
        Task clientGone = Console.In.ReadToEndAsync();
        await Task.WhenAny(clientGone, app.WaitForShutdownAsync());
        await app.StopAsync();
        return 0;
    }

    private static ServerStats ReadStats(bool collect)
    {
        if (collect)
        {
            // A full, compacting collection, so the heap holds what live connections keep, not garbage.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        // The same figures as Process.TotalProcessorTime and WorkingSet64, without a Process object per call:
        // the less /stats allocates, the less it blurs the per-event allocation it measures.
        Environment.ProcessCpuUsage cpu = Environment.CpuUsage;
        return new ServerStats(
            cpu.TotalTime.TotalSeconds,
            cpu.PrivilegedTime.TotalSeconds,
            GC.GetTotalAllocatedBytes(precise: true),
            Environment.WorkingSet,
            GC.GetTotalMemory(forceFullCollection: false),
            Volatile.Read(ref _activeStreams));
    }
}
