using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SseGen.Tests;

/// <summary>
/// Sums the <c>SseGen</c> meter's measurements of one host (its meter factory), ignoring other tests' hosts. An observed
/// instrument (a gauge) reads as what it reports now, summed over its tag sets.
/// </summary>
internal sealed class SseMeterListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new();
    private readonly ConcurrentDictionary<string, long> _observed = new();
    private readonly Lock _observing = new();

    public SseMeterListener(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "SseGen" && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            (instrument.IsObservable ? _observed : _totals).AddOrUpdate(instrument.Name, value, (_, total) => total + value));
        _listener.Start();
    }

    public long this[string instrument]
    {
        get
        {
            lock (_observing)
            {
                _observed.Clear();
                _listener.RecordObservableInstruments();
                return _observed.TryGetValue(instrument, out long now) ? now : _totals.GetValueOrDefault(instrument);
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
