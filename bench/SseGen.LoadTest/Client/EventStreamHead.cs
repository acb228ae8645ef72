using System.Text;

namespace SseGen.LoadTest.Client;

/// <summary>
/// How both raw-socket clients read and strictly check a response head before its body. Shared with the fan-out tool
/// (linked, not copied).
/// </summary>
internal static class EventStreamHead
{
    private const int MaxHeadBytes = 8 * 1024;

    /// <summary>
    /// Receives into <paramref name="buffer"/> until the head is complete, checks it, and returns where the body's first
    /// bytes, received with the head, lie in the buffer.
    /// </summary>
    public static async Task<(int BodyStart, int Buffered)> ReadAsync(
        byte[] buffer, Func<Memory<byte>, CancellationToken, ValueTask<int>> receive, CancellationToken cancellationToken)
    {
        int buffered = 0;
        while (true)
        {
            buffered += await receive(buffer.AsMemory(buffered), cancellationToken);
            int headEnd = buffer.AsSpan(0, buffered).IndexOf("\r\n\r\n"u8);
            if (headEnd >= 0)
            {
                Check(Encoding.ASCII.GetString(buffer, 0, headEnd));
                return (headEnd + 4, buffered);
            }

            if (buffered >= Math.Min(MaxHeadBytes, buffer.Length))
            {
                throw new InvalidDataException("the response head is too long");
            }
        }
    }

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
