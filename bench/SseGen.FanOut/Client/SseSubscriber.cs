using System.Net;
using System.Net.Sockets;
using System.Text;
using SseGen.LoadTest.Client;

namespace SseGen.FanOut.Client;

/// <summary>
/// A lean event-stream subscriber on a raw socket: one GET, a strict check of the response head, then the chunked body
/// decoded by <see cref="StrictChunkedDecoder"/> and split into events. No HTTP stack, so 10,000 of them cost little.
/// </summary>
internal sealed class SseSubscriber : ISubscriber
{
    private readonly LoopbackSource _source;
    private readonly byte[] _buffer;
    private readonly StrictChunkedDecoder _body;
    private Socket? _socket;

    public SseSubscriber(EventReceiver receiver, LoopbackSource source, int receiveBufferBytes)
    {
        Receiver = receiver;
        _source = source;
        _buffer = new byte[receiveBufferBytes];
        _body = new StrictChunkedDecoder(new SseEventSplitter(receiver));
    }

    public EventReceiver Receiver { get; }

    public async Task ConnectAsync(int port, string path, CancellationToken cancellationToken)
    {
        _socket = await _source.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
        byte[] request = Encoding.ASCII.GetBytes(
            $"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n");
        await _socket.SendAsync(request, cancellationToken);
    }

    public async Task ReadAsync(CancellationToken cancellationToken)
    {
        (int bodyStart, int buffered) = await EventStreamHead.ReadAsync(_buffer, ReceiveAsync, cancellationToken);
        FeedAll(_buffer.AsSpan(bodyStart, buffered - bodyStart));
        while (true)
        {
            int received = await ReceiveAsync(_buffer, cancellationToken);
            FeedAll(_buffer.AsSpan(0, received));
            if (_body.IsDone)
            {
                throw new InvalidDataException("the server ended the stream while the subscriber was still subscribed");
            }
        }
    }

    public void Abort()
    {
        if (_socket is not { } socket)
        {
            return;
        }

        try
        {
            socket.LingerState = new LingerOption(enable: true, seconds: 0);
        }
        catch (SocketException)
        {
            // Already closed by the peer; disposing is all that is left.
        }

        socket.Dispose();
    }

    private void FeedAll(ReadOnlySpan<byte> received)
    {
        // The decoder stops at the body's end; nothing may follow the last chunk.
        if (_body.Feed(received) != received.Length)
        {
            throw new InvalidDataException("bytes after the end of the body");
        }
    }

    private async ValueTask<int> ReceiveAsync(Memory<byte> into, CancellationToken cancellationToken)
    {
        int received = await _socket!.ReceiveAsync(into, SocketFlags.None, cancellationToken);
        if (received == 0)
        {
            throw new InvalidDataException("the server closed the connection");
        }

        Receiver.Received();
        return received;
    }
}
