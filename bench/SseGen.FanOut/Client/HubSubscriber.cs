using System.Net.WebSockets;

namespace SseGen.FanOut.Client;

/// <summary>
/// A lean SignalR subscriber: a WebSocket straight to the hub (no negotiate, as the .NET client's SkipNegotiation does),
/// the JSON hub protocol's handshake, then records split at the 0x1E separator. Invocations (<c>"type":1</c>) are
/// events, pings (<c>"type":6</c>) are skipped, a close (<c>"type":7</c>) fails the run.
/// </summary>
internal sealed class HubSubscriber(EventReceiver receiver, HttpMessageInvoker invoker, int receiveBufferBytes) : ISubscriber
{
    private const byte RecordSeparator = 0x1E;

    private static readonly byte[] Handshake = "{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray();

    private readonly ClientWebSocket _socket = NewSocket();
    private readonly byte[] _buffer = new byte[receiveBufferBytes];
    private byte[] _record = new byte[1024];
    private int _recordLength;
    private bool _handshakeDone;

    public EventReceiver Receiver { get; } = receiver;

    public async Task ConnectAsync(int port, string path, CancellationToken cancellationToken)
    {
        await _socket.ConnectAsync(new Uri($"ws://127.0.0.1:{port}{path}"), invoker, cancellationToken);
        await _socket.SendAsync(Handshake, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    public async Task ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            ValueWebSocketReceiveResult result = await _socket.ReceiveAsync(_buffer.AsMemory(), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidDataException($"the hub closed the WebSocket ({_socket.CloseStatus} {_socket.CloseStatusDescription})");
            }

            Receiver.Received();
            Feed(_buffer.AsSpan(0, result.Count));
        }
    }

    public void Abort() => _socket.Abort();

    private static ClientWebSocket NewSocket()
    {
        var socket = new ClientWebSocket();
        // SignalR's own pings keep the connection; WebSocket-level pings would only add traffic to the figures.
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        return socket;
    }

    private void Feed(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            int end = bytes.IndexOf(RecordSeparator);
            ReadOnlySpan<byte> part = end < 0 ? bytes : bytes[..end];
            if (end < 0 || _recordLength > 0)
            {
                Append(part);
            }

            if (end < 0)
            {
                return;
            }

            if (_recordLength > 0)
            {
                ReadRecord(_record.AsSpan(0, _recordLength));
                _recordLength = 0;
            }
            else
            {
                ReadRecord(part);
            }

            bytes = bytes[(end + 1)..];
        }
    }

    private void Append(ReadOnlySpan<byte> part)
    {
        if (_recordLength + part.Length > _record.Length)
        {
            Array.Resize(ref _record, Math.Max(_record.Length * 2, _recordLength + part.Length));
        }

        part.CopyTo(_record.AsSpan(_recordLength));
        _recordLength += part.Length;
    }

    private void ReadRecord(ReadOnlySpan<byte> record)
    {
        if (!_handshakeDone)
        {
            // The handshake response: "{}" or an error.
            if (record.IndexOf("\"error\""u8) >= 0)
            {
                throw new InvalidDataException($"the hub refused the handshake: {System.Text.Encoding.UTF8.GetString(record)}");
            }

            _handshakeDone = true;
            return;
        }

        if (record.StartsWith("{\"type\":1,"u8))
        {
            Receiver.OnEvent(record);
        }
        else if (record.StartsWith("{\"type\":6"u8))
        {
            Receiver.OnComment();
        }
        else
        {
            throw new InvalidDataException($"unexpected hub message: {System.Text.Encoding.UTF8.GetString(record)}");
        }
    }
}
