using System.Diagnostics;

namespace SseGen.LoadTest.Client;

/// <summary>
/// Counts an event stream's frames (events and comments) by their boundary, a blank line (<c>\n\n</c>), and optionally
/// stamps the moment each one arrived.
/// </summary>
internal sealed class FrameCounter(List<long>? frameTimestamps) : IChunkPayloadSink
{
    private bool _payloadEndsWithLineFeed;

    /// <summary>Frames (events and comments) seen so far.</summary>
    public long Frames { get; private set; }

    public void Feed(ReadOnlySpan<byte> payload)
    {
        Debug.Assert(!payload.IsEmpty);
        long before = Frames;

        // A blank line split across two chunks still ends one frame.
        if (_payloadEndsWithLineFeed && payload[0] == (byte)'\n')
        {
            Frames++;
            payload = payload[1..];
        }

        while (true)
        {
            int end = payload.IndexOf("\n\n"u8);
            if (end < 0)
            {
                break;
            }

            Frames++;
            payload = payload[(end + 2)..];
        }

        // After a counted frame an empty tail leaves no pending LF; otherwise the tail's last byte decides.
        _payloadEndsWithLineFeed = !payload.IsEmpty && payload[^1] == (byte)'\n';
        if (frameTimestamps is not null && Frames > before)
        {
            long now = Stopwatch.GetTimestamp();
            for (long frame = before; frame < Frames; frame++)
            {
                frameTimestamps.Add(now);
            }
        }
    }
}
