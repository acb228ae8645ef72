using System.Globalization;
using System.Text;

namespace SseGen.Tests;

/// <summary>
/// Reads an HTTP/1.1 chunked body as strictly as Go's httputil does: a size line of hex digits and CRLF,
/// exactly that many bytes, CRLF; a zero-size chunk, then an empty trailer line, ends the body. Anything else throws.
/// </summary>
internal sealed class StrictChunkedReader(Stream stream)
{
    /// <summary>Reads the next chunk; an empty array is the terminating zero-size chunk.</summary>
    public async Task<byte[]> ReadChunkAsync(CancellationToken cancellationToken = default)
    {
        string sizeLine = await ReadLineAsync(cancellationToken);
        if (sizeLine.Length == 0 || sizeLine.Length > 8 || !sizeLine.All(Uri.IsHexDigit))
        {
            throw new InvalidDataException($"invalid byte in chunk length: '{sizeLine}'");
        }

        int size = int.Parse(sizeLine, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (size == 0)
        {
            string trailer = await ReadLineAsync(cancellationToken);
            if (trailer.Length != 0)
            {
                throw new InvalidDataException($"unexpected trailer after the last chunk: '{trailer}'");
            }

            return [];
        }

        byte[] payload = new byte[size];
        await stream.ReadExactlyAsync(payload, cancellationToken);
        string end = await ReadLineAsync(cancellationToken);
        if (end.Length != 0)
        {
            throw new InvalidDataException("a chunk's data is not followed by CRLF");
        }

        return payload;
    }

    /// <summary>Reads every chunk up to and including the terminator (the connection itself may stay open).</summary>
    public async Task<List<byte[]>> ReadToEndAsync(CancellationToken cancellationToken = default)
    {
        var chunks = new List<byte[]>();
        while (await ReadChunkAsync(cancellationToken) is { Length: > 0 } chunk)
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    /// <summary>Reads a response's status line and headers (names lower-cased), leaving the stream at the body.</summary>
    public async Task<(string Status, Dictionary<string, string> Headers)> ReadResponseHeadAsync(CancellationToken cancellationToken = default)
    {
        string status = await ReadLineAsync(cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await ReadLineAsync(cancellationToken) is { Length: > 0 } line)
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }

        return (status, headers);
    }

    /// <summary>Reads one CRLF-terminated line; a bare LF or CR is a framing error.</summary>
    public async Task<string> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        var line = new StringBuilder();
        byte[] one = new byte[1];
        while (true)
        {
            await stream.ReadExactlyAsync(one, cancellationToken);
            if (one[0] == (byte)'\r')
            {
                await stream.ReadExactlyAsync(one, cancellationToken);
                if (one[0] != (byte)'\n')
                {
                    throw new InvalidDataException("CR not followed by LF");
                }

                return line.ToString();
            }

            if (one[0] == (byte)'\n')
            {
                throw new InvalidDataException("bare LF in chunk framing");
            }

            line.Append((char)one[0]);
        }
    }
}
