using System.Net.Sockets;
using System.Text;

namespace SseGen.IntegrationTests.Http2;

/// <summary>
/// The smallest h2c client that shows the wire: it sends one GET with prior knowledge and hands back each DATA frame of
/// stream 1 as Kestrel framed it, which no HttpClient exposes. Enough HTTP/2 for one request: the preface, SETTINGS and
/// their ACK, a HEADERS frame with literal HPACK fields, and WINDOW_UPDATEs for what it read.
/// </summary>
internal sealed class Http2FrameReader : IAsyncDisposable
{
    private const byte Data = 0x0, Headers = 0x1, Settings = 0x4, Ping = 0x6, GoAway = 0x7, WindowUpdate = 0x8, RstStream = 0x3;
    private const byte EndStream = 0x1, EndHeaders = 0x4, Ack = 0x1;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private bool _ended;

    private Http2FrameReader(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
    }

    public static async Task<Http2FrameReader> GetAsync(Uri baseAddress, string path, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(baseAddress.Host, baseAddress.Port, ct);
        var reader = new Http2FrameReader(socket);
        await reader._stream.WriteAsync("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray(), ct);
        await reader.WriteFrameAsync(Settings, 0, 0, [], ct);

        // :method GET and :scheme http from the static table (indexes 2 and 6); :path (4) and :authority (1) as literals.
        var block = new List<byte> { 0x82, 0x86 };
        AddLiteral(block, 4, path);
        AddLiteral(block, 1, baseAddress.Authority);
        await reader.WriteFrameAsync(Headers, EndStream | EndHeaders, 1, [.. block], ct);
        return reader;
    }

    /// <summary>The next non-empty DATA frame's payload on stream 1; null once the stream has ended.</summary>
    public async Task<byte[]?> ReadDataFrameAsync(CancellationToken ct)
    {
        while (!_ended)
        {
            byte[] header = new byte[9];
            await _stream.ReadExactlyAsync(header, ct);
            int length = (header[0] << 16) | (header[1] << 8) | header[2];
            byte type = header[3], flags = header[4];
            int streamId = ((header[5] & 0x7F) << 24) | (header[6] << 16) | (header[7] << 8) | header[8];
            byte[] payload = new byte[length];
            await _stream.ReadExactlyAsync(payload, ct);

            switch (type)
            {
                case Settings when (flags & Ack) == 0:
                    await WriteFrameAsync(Settings, Ack, 0, [], ct);
                    break;
                case Ping when (flags & Ack) == 0:
                    await WriteFrameAsync(Ping, Ack, 0, payload, ct);
                    break;
                case RstStream or GoAway:
                    throw new IOException($"the server ended the stream with frame type {type}");
                case Data when streamId == 1:
                    // The last event may share its frame with the end of the stream.
                    _ended = (flags & EndStream) != 0;
                    if (length > 0)
                    {
                        // Give the window back at once, so flow control never decides how the server frames.
                        await WriteWindowUpdateAsync(0, length, ct);
                        await WriteWindowUpdateAsync(1, length, ct);
                        return payload;
                    }

                    break;
            }

            if (type == Headers && streamId == 1 && (flags & EndStream) != 0)
            {
                _ended = true;
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _socket.Dispose();
    }

    private static void AddLiteral(List<byte> block, byte nameIndex, string value)
    {
        // Literal header field without indexing, indexed name (4-bit prefix), raw value (7-bit length prefix, no Huffman).
        block.Add(nameIndex);
        byte[] bytes = Encoding.ASCII.GetBytes(value);
        if (bytes.Length >= 127)
        {
            throw new ArgumentException("values this small client sends stay under 127 bytes", nameof(value));
        }

        block.Add((byte)bytes.Length);
        block.AddRange(bytes);
    }

    private Task WriteWindowUpdateAsync(int streamId, int increment, CancellationToken ct) =>
        WriteFrameAsync(WindowUpdate, 0, streamId, [(byte)(increment >> 24), (byte)(increment >> 16), (byte)(increment >> 8), (byte)increment], ct);

    private async Task WriteFrameAsync(byte type, byte flags, int streamId, byte[] payload, CancellationToken ct)
    {
        byte[] frame = new byte[9 + payload.Length];
        frame[0] = (byte)(payload.Length >> 16);
        frame[1] = (byte)(payload.Length >> 8);
        frame[2] = (byte)payload.Length;
        frame[3] = type;
        frame[4] = flags;
        frame[5] = (byte)((streamId >> 24) & 0x7F);
        frame[6] = (byte)(streamId >> 16);
        frame[7] = (byte)(streamId >> 8);
        frame[8] = (byte)streamId;
        payload.CopyTo(frame, 9);
        await _stream.WriteAsync(frame, ct);
    }
}
