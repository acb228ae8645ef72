namespace SseGen.LoadTest.Client;

/// <summary>
/// The strict check both raw-socket clients make of a response head before reading its body. Shared with the fan-out
/// tool (linked, not copied).
/// </summary>
internal static class EventStreamHead
{
    /// <summary>Throws unless <paramref name="head"/> (without its final blank line) is a 200 chunked event stream without a length.</summary>
    public static void Check(string head)
    {
        string[] lines = head.Split("\r\n");
        if (!lines[0].StartsWith("HTTP/1.1 200 ", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"unexpected status line '{lines[0]}'");
        }

        bool chunked = false;
        bool eventStream = false;
        foreach (string line in lines.AsSpan(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            string name = colon < 0 ? line : line[..colon];
            string value = colon < 0 ? "" : line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException("an event stream must not have a Content-Length");
            }

            chunked |= name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.Equals("chunked", StringComparison.OrdinalIgnoreCase);
            eventStream |= name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) && value.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase);
        }

        if (!chunked || !eventStream)
        {
            throw new InvalidDataException($"expected a chunked text/event-stream response, got:\n{head}");
        }
    }
}
