using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SseGen.LoadTest.Server;

namespace SseGen.FanOut.Server;

/// <summary>The Kestrel app under load, in its own process so its CPU and allocations are its own; hosts all three peers.</summary>
internal static class FanOutServer
{
    /// <summary>The line the server prints once it listens; the driver reads the port from it.</summary>
    public const string ListeningPrefix = "listening on port ";

    private const string Symbol = "MSFT";

    // One publish loop at a time (the driver never overlaps them), so the sequence needs no lock of its own.
    private static long _sequence;

    private static AllocationSampler? _allocations;

    public static async Task<int> RunAsync()
    {
        KestrelPoolGauge.Start();
        _allocations = AllocationSampler.StartIfAsked();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        KestrelWriteBuffer.Apply(builder.WebHost);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, FanOutJsonContext.Default));

        // As README's Broadcast section registers topics: JSON of T from the app's JsonOptions, every other option default.
        builder.Services.AddSseTopics<FanEvent>(o => o.EventType = Peers.EventName);
        builder.Services.AddSingleton<SseGenPublisher>();
        builder.Services.AddSingleton<ChannelPeer>();
        builder.Services.AddSingleton<KestrelFloorPeer>();
        builder.Services.AddSingleton<HubConnectionCount>();
        builder.Services.AddSingleton<SignalRPublisher>();
        builder.Services
            .AddSignalR(hub =>
            {
                // The lean client sends no pings; a phase of 10,000 connections must not be cut by the 30 s default.
                hub.ClientTimeoutInterval = TimeSpan.FromMinutes(30);
            })
            .AddJsonProtocol(json => json.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, FanOutJsonContext.Default));

        WebApplication app = builder.Build();
        app.MapSseEndpoints();
        ChannelPeer.Map(app);
        app.MapHub<FanOutHub>(Peers.HubPath);
        KestrelFloorPeer.Map(app);
        app.MapGet("/stats", (string peer, bool? collect, bool? idle, IServiceProvider services) =>
            TypedResults.Json(ReadStats(Subscribers(services, peer, idle == true), collect == true), FanOutJsonContext.Default.ServerStats));
        app.MapPost("/publish/{peer}", async (string peer, int count, double? rate, IServiceProvider services) =>
            TypedResults.Json(await PublishAsync(Peer(services, peer), count, rate ?? 0), FanOutJsonContext.Default.PublishResult));

        await app.StartAsync();
        int port = new Uri(app.Urls.Single()).Port;
        Console.WriteLine(ListeningPrefix + port.ToString(CultureInfo.InvariantCulture));

        // The driver holds our stdin; when it goes away, however it went, so do we.
        Task driverGone = Console.In.ReadToEndAsync();
        await Task.WhenAny(driverGone, app.WaitForShutdownAsync());
        await app.StopAsync();
        return 0;
    }

    /// <summary>Publishes <paramref name="count"/> events, at <paramref name="rate"/> per second or, for 0, each as soon as the last publish returned.</summary>
    private static async Task<PublishResult> PublishAsync(IFanOutPeer peer, int count, double rate)
    {
        long first = _sequence + 1;
        long start = Stopwatch.GetTimestamp();
        for (int k = 0; k < count; k++)
        {
            if (rate > 0)
            {
                // Due times from the start, not from the last event, so a late event does not delay every later one.
                long due = start + (long)(k * Stopwatch.Frequency / rate);
                TimeSpan wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }

            long sequence = ++_sequence;
            await peer.PublishAsync(new FanEvent(sequence, Stopwatch.GetTimestamp(), Symbol, 100 + (sequence % 1000) / 100.0));
        }

        return new PublishResult(first, count, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    private static IFanOutPeer Peer(IServiceProvider services, string peer) => peer switch
    {
        Peers.SseGen => services.GetRequiredService<SseGenPublisher>(),
        Peers.Channel => services.GetRequiredService<ChannelPeer>(),
        Peers.SignalR => services.GetRequiredService<SignalRPublisher>(),
        _ => throw new BadHttpRequestException($"unknown peer '{peer}'"),
    };

    private static int Subscribers(IServiceProvider services, string peer, bool idle) => (peer, idle) switch
    {
        (Peers.KestrelFloor, _) => services.GetRequiredService<KestrelFloorPeer>().Subscribers,
        (Peers.SseGen, true) => services.GetRequiredService<SseTopics<FanEvent>>().Get(Peers.IdleTopicName).SubscriberCount,
        _ => Peer(services, peer).Subscribers,
    };

    private static ServerStats ReadStats(int subscribers, bool collect)
    {
        if (_allocations is { } sampler && !collect)
        {
            Console.WriteLine(sampler.TakeReport());
        }

        if (collect)
        {
            // A full, compacting collection, so the heap holds what live streams keep, not garbage.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        return new ServerStats(
            GC.GetTotalAllocatedBytes(precise: true),
            GC.GetTotalMemory(forceFullCollection: false),
            Environment.WorkingSet,
            KestrelPoolGauge.PooledBytes,
            KestrelPoolGauge.AllocatedBytes,
            KestrelPoolGauge.EvictedBytes,
            subscribers,
            Stopwatch.GetTimestamp(),
            Stopwatch.Frequency);
    }
}
