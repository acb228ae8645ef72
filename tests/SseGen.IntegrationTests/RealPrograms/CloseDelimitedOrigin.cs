using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SseGen.IntegrationTests.RealPrograms;

/// <summary>
/// The origin SseGen exists to replace: a hand-written SSE server whose body has no chunked framing and ends only
/// when it closes the connection (legal HTTP/1.0-style framing). It writes <c>events</c>, then what it is told to.
/// </summary>
internal sealed class CloseDelimitedOrigin : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public CloseDelimitedOrigin(IReadOnlyList<string> frames)
    {
        _listener.Start();
        _serving = ServeAsync(frames);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
    }

    private async Task ServeAsync(IReadOnlyList<string> frames)
    {
        while (!_stop.IsCancellationRequested)
        {
            using Socket client = await _listener.AcceptSocketAsync(_stop.Token);
            await using var stream = new NetworkStream(client);
            byte[] request = new byte[8192];
            _ = await stream.ReadAsync(request, _stop.Token);
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\r\n"u8.ToArray(), _stop.Token);
            foreach (string frame in frames)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(frame), _stop.Token);
                await stream.FlushAsync(_stop.Token);
                await Task.Delay(50, _stop.Token);
            }

            // The end of the body is the end of the connection: nothing tells a reader whether it was complete.
            client.Shutdown(SocketShutdown.Both);
        }
    }
}
