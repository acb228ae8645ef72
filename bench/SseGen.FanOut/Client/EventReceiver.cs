using System.Buffers.Text;
using System.Diagnostics;

namespace SseGen.FanOut.Client;

/// <summary>
/// One subscriber's view of the events: each must be the next sequence (no gap, no duplicate, in order), and its
/// publish→receive latency is recorded in the current phase. The receive time is taken once per socket read.
/// </summary>
internal sealed class EventReceiver(int index, SubscriberGroup group, long nextSequence)
{
    private long _next = nextSequence;
    private long _receivedAt;

    public long Events { get; private set; }

    /// <summary>Comment frames (<c>:</c> heartbeats) received.</summary>
    public long Comments { get; private set; }

    /// <summary>Call once per socket read, before feeding its bytes.</summary>
    public void Received() => _receivedAt = Stopwatch.GetTimestamp();

    public void OnComment() => Comments++;

    /// <summary>Reads <c>sequence</c> and <c>publishedAt</c> from an event's JSON, checks the order and records the delivery.</summary>
    public void OnEvent(ReadOnlySpan<byte> json)
    {
        long sequence = ReadNumber(json, "\"sequence\":"u8);
        long publishedAt = ReadNumber(json, "\"publishedAt\":"u8);
        if (sequence != _next)
        {
            throw new InvalidDataException($"subscriber {index}: expected event {_next}, received {sequence}");
        }

        _next++;
        Events++;
        DeliveryPhase phase = group.Current ?? throw new InvalidDataException($"subscriber {index} received event {sequence} outside a publish");
        phase.Record(index, sequence, _receivedAt - publishedAt);
    }

    private static long ReadNumber(ReadOnlySpan<byte> json, ReadOnlySpan<byte> property)
    {
        int at = json.IndexOf(property);
        if (at < 0 || !Utf8Parser.TryParse(json[(at + property.Length)..], out long value, out _))
        {
            throw new InvalidDataException($"no {System.Text.Encoding.UTF8.GetString(property)} number in {System.Text.Encoding.UTF8.GetString(json)}");
        }

        return value;
    }
}
