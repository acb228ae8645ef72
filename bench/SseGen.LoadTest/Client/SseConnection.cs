using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SseGen.LoadTest.Client;

/// <summary>
/// A lean event-stream client on a raw socket: one GET, a strict check of the response head, then the chunked body
/// decoded by <see cref="StrictChunkedDecoder"/> and its frames counted. No HTTP stack, so the client costs little next to the server.
/// </summary>
internal sealed class SseConnection : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly byte[] _buffer;
    private readonly FrameCounter _frames;
    private readonly StrictChunkedDecoder _decoder;

    public SseConnection(int receiveBufferBytes, List<long>? frameTimestamps = null)
    {
        _buffer = new byte[receiveBufferBytes];
        _frames = new FrameCounter(frameTimestamps);
        _decoder = new StrictChunkedDecoder(_frames);
    }

    public long Frames => _frames.Frames;

    public async Task SendRequestAsync(int port, string pathAndQuery, CancellationToken cancellationToken)
    {
        await _socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
        byte[] request = Encoding.ASCII.GetBytes(
            $"GET {pathAndQuery} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n");
        await _socket.SendAsync(request, cancellationToken);
    }

    /// <summary>Reads the head and the whole body; returns when the last chunk has arrived or throws on any framing error.</summary>
    public async Task ReadToEndAsync(CancellationToken cancellationToken)
    {
        (int bodyStart, int buffered) = await EventStreamHead.ReadAsync(_buffer, ReceiveAsync, cancellationToken);
        FeedAll(_buffer.AsSpan(bodyStart, buffered - bodyStart));
        while (!_decoder.IsDone)
        {
            int received = await ReceiveAsync(_buffer, cancellationToken);
            FeedAll(_buffer.AsSpan(0, received));
        }
    }

    /// <summary>Drops the connection with a reset, so thousands of idle closes leave no TIME_WAIT behind.</summary>
    public void Abort()
    {
        try
        {
            _socket.LingerState = new LingerOption(enable: true, seconds: 0);
        }
        catch (SocketException)
        {
            // Already closed by the peer; disposing is all that is left.
        }

        _socket.Dispose();
    }

    public void Dispose() => _socket.Dispose();

    private void FeedAll(ReadOnlySpan<byte> received)
    {
        // Nothing was requested after this response, so nothing may follow its last chunk.
        if (_decoder.Feed(received) != received.Length)
        {
            throw new InvalidDataException("bytes after the end of the body");
        }
    }

    private async ValueTask<int> ReceiveAsync(Memory<byte> into, CancellationToken cancellationToken)
    {
        int received = await _socket.ReceiveAsync(into, SocketFlags.None, cancellationToken);
        if (received == 0)
        {
            throw new InvalidDataException("the server closed the connection before the last chunk");
        }

        return received;
    }
}
