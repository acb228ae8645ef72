using System.Net.Sockets;
using System.Text;

namespace SseGen.IntegrationTests.RealPrograms;

/// <summary>
/// An event stream as it was on the wire: a GET on a raw socket, the head checked (200, chunked, <c>text/event-stream</c>)
/// and the body read with the strict chunked decoder, chunk by chunk, up to its zero-length last chunk.
/// </summary>
internal sealed class RawEventStream
{
    private RawEventStream(List<byte[]> chunks)
    {
        Chunks = chunks;
        Body = [.. chunks.SelectMany(c => c)];
    }

    /// <summary>The chunks as they came, without their size lines.</summary>
    public IReadOnlyList<byte[]> Chunks { get; }

    /// <summary>The decoded body: every chunk's bytes in order.</summary>
    public byte[] Body { get; }

    public static async Task<RawEventStream> GetAsync(Uri baseAddress, string path, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(baseAddress.Host, baseAddress.Port, cancellationToken);
        await using var stream = new NetworkStream(socket);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nAccept: text/event-stream\r\n\r\n"), cancellationToken);
        var reader = new StrictChunkedReader(stream);
        (string status, Dictionary<string, string> headers) = await reader.ReadResponseHeadAsync(cancellationToken);

        Assert.True(status.StartsWith("HTTP/1.1 200", StringComparison.Ordinal), $"{baseAddress}{path.TrimStart('/')}: {status}");
        Assert.Equal("chunked", headers.GetValueOrDefault("transfer-encoding"));
        Assert.StartsWith("text/event-stream", headers.GetValueOrDefault("content-type") ?? "", StringComparison.Ordinal);
        return new RawEventStream(await reader.ReadToEndAsync(cancellationToken));
    }

    /// <summary>
    /// The body without the frames a hop may add or drop on its own: comment-only frames (heartbeats, which keep one
    /// connection alive and carry nothing for the reader) and a <c>retry:</c> line leading the stream (the reconnection
    /// time a server sets for its own clients). Every other byte is kept: fields, ids, data, sentinels, blank lines.
    /// </summary>
    /// <remarks>Frames are split at a blank line written as LF LF, as SseGen writes them; any other byte compares as it is.</remarks>
    public byte[] EventBytes() => EventBytes(Body);

    /// <summary>What <see cref="EventBytes()"/> keeps of <paramref name="body"/>, a body read some other way.</summary>
    public static byte[] EventBytes(ReadOnlySpan<byte> body)
    {
        var kept = new List<byte>(body.Length);
        ReadOnlySpan<byte> rest = body;
        bool first = true;
        while (!rest.IsEmpty)
        {
            int end = rest.IndexOf("\n\n"u8);
            ReadOnlySpan<byte> frame = end < 0 ? rest : rest[..(end + 2)];
            rest = rest[frame.Length..];
            if (IsCommentOnly(frame))
            {
                continue;
            }

            if (first)
            {
                first = false;
                frame = WithoutLeadingRetry(frame);
                if (frame.SequenceEqual("\n"u8))
                {
                    continue; // the retry had a frame of its own
                }
            }

            kept.AddRange(frame);
        }

        return [.. kept];
    }

    private static bool IsCommentOnly(ReadOnlySpan<byte> frame)
    {
        ReadOnlySpan<byte> lines = frame.TrimEnd((byte)'\n');
        if (lines.IsEmpty)
        {
            return false;
        }

        foreach (Range line in lines.Split((byte)'\n'))
        {
            if (lines[line] is not [(byte)':', ..])
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySpan<byte> WithoutLeadingRetry(ReadOnlySpan<byte> frame)
    {
        if (!frame.StartsWith("retry:"u8))
        {
            return frame;
        }

        int lineEnd = frame.IndexOf((byte)'\n');
        if (lineEnd < 0)
        {
            return frame;
        }

        ReadOnlySpan<byte> value = frame["retry:".Length..lineEnd].TrimStart((byte)' ');
        return !value.IsEmpty && !value.ContainsAnyExceptInRange((byte)'0', (byte)'9') ? frame[(lineEnd + 1)..] : frame;
    }
}
