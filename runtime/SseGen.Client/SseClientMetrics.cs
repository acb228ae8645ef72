using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace SseGen.Client;

/// <summary>The client's instruments on the meter <c>SseGen.Client</c>.</summary>
internal sealed class SseClientMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "SseGen.Client";

    private static readonly SseClientMetrics Shared = new(new Meter(MeterName));

    // One set of instruments per factory, as the server's SseMetrics keeps: clients are made per resolution (transient).
    private static readonly ConditionalWeakTable<IMeterFactory, SseClientMetrics> ByFactory = [];

    private SseClientMetrics(Meter meter)
    {
        Events = meter.CreateCounter<long>("ssegen.client.events", "{event}", "Events delivered to the caller.");
        Reconnects = meter.CreateCounter<long>("ssegen.client.reconnects", "{reconnect}", "Connections replaced after a drop, an idle timeout, a clean end of a resumable stream or a retryable status.");
        UnknownEvents = meter.CreateCounter<long>("ssegen.client.unknown_events", "{event}", "Events skipped because their type is not one the caller reads.");
    }

    public Counter<long> Events { get; }

    public Counter<long> Reconnects { get; }

    public Counter<long> UnknownEvents { get; }

    public static SseClientMetrics For(IMeterFactory? factory) =>
        factory is null ? Shared : ByFactory.GetValue(factory, static f => new SseClientMetrics(f.Create(MeterName)));
}
