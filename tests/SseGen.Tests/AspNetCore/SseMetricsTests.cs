using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace SseGen.Tests.AspNetCore;

/// <summary>The <c>SseGen</c> meter's tags, collected from one host's meter factory while real requests stream.</summary>
public sealed class SseMetricsTests
{
    [Fact]
    public async Task Events_AreTaggedWithTheRoutePattern_NotTheRequestPath()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
            web.MapGet("/ticks/{n}", (int n) => SseResults.Stream(AsyncItems.From([.. Enumerable.Range(0, n).Select(i => $"tick {i}")]))));
        using MetricCollector<long> events = Collect(app, "ssegen.events");
        using MetricCollector<long> bytes = Collect(app, "ssegen.bytes");

        await ReadAllAsync(app, "/ticks/3");

        // Told per burst, not per event: the three ready items are one measurement of 3.
        Assert.Equal(3, events.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.All(events.GetMeasurementSnapshot(), m => Assert.Equal("/ticks/{n}", m.Tags["http.route"]));
        Assert.All(bytes.GetMeasurementSnapshot(), m => Assert.Equal("/ticks/{n}", m.Tags["http.route"]));
    }

    [Fact]
    public async Task ActiveStreams_OpenAndCloseUnderTheRoutePattern()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
            web.MapGet("/ticks/{n}", (int n) => SseResults.Stream(AsyncItems.From("a"))));
        using MetricCollector<long> active = Collect(app, "ssegen.streams.active");

        await ReadAllAsync(app, "/ticks/7");
        await active.WaitForMeasurementsAsync(2, TimeSpan.FromSeconds(10));

        Assert.Equal([(1L, "/ticks/{n}"), (-1L, "/ticks/{n}")], active.GetMeasurementSnapshot().Select(m => (m.Value, m.Tags["http.route"])));
    }

    [Fact]
    public async Task UnroutedStream_IsTaggedWithItsEndpointName_AndNeverWithThePath()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
            web.Run(context => SseResponse.StreamAsync(context, AsyncItems.From("a"), static (w, s) => w.WriteEvent(s), new SseStreamOptions { EndpointName = "feed" })));
        using MetricCollector<long> events = Collect(app, "ssegen.events");

        await ReadAllAsync(app, "/feed/secret-user-value");

        CollectedMeasurement<long> only = Assert.Single(events.GetMeasurementSnapshot());
        Assert.Equal("feed", only.Tags["http.route"]);
    }

    [Fact]
    public async Task UnroutedUnnamedStream_IsMeasuredWithoutARouteTag()
    {
        await using LoopbackApp app = await LoopbackApp.StartAsync(web =>
            web.Run(context => SseResponse.StreamAsync(context, AsyncItems.From("a"), static (w, s) => w.WriteEvent(s))));
        using MetricCollector<long> events = Collect(app, "ssegen.events");

        await ReadAllAsync(app, "/secret-user-value");

        CollectedMeasurement<long> only = Assert.Single(events.GetMeasurementSnapshot());
        Assert.Empty(only.Tags);
    }

    private static MetricCollector<long> Collect(LoopbackApp app, string instrument) =>
        new(app.Services.GetRequiredService<IMeterFactory>(), "SseGen", instrument);

    private static async Task ReadAllAsync(LoopbackApp app, string path)
    {
        CancellationToken ct = TestTimeout.After(20);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        using HttpResponseMessage response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsStringAsync(ct);
    }
}
