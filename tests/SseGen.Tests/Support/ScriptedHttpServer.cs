using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SseGen.Tests;

/// <summary>
/// A loopback TCP server that answers each connection with bytes a test scripts: the broken framings (a body cut mid-event,
/// bad chunk sizes) that Kestrel will not produce. Connections are served one at a time, each after reading its request head.
/// </summary>
internal sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private readonly List<string> _requests = [];

    public ScriptedHttpServer(Func<int, string, Stream, Task> answer)
    {
        _listener.Start();
        _serving = ServeAsync(answer);
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>The request heads received so far, in order.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static Task WriteAsync(Stream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task ServeAsync(Func<int, string, Stream, Task> answer)
    {
        for (int index = 0; index < 100 && !_stop.IsCancellationRequested; index++)
        {
            using Socket socket = await _listener.AcceptSocketAsync(_stop.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            string head = await ReadHeadAsync(stream, _stop.Token);
            lock (_requests)
            {
                _requests.Add(head);
            }

            try
            {
                await answer(index, head, stream);
            }
            catch (IOException)
            {
                // The client went away first: fine, the next connection is the test's business.
            }

            socket.Shutdown(SocketShutdown.Both);
        }
    }

    private static async Task<string> ReadHeadAsync(Stream stream, CancellationToken ct)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 16 * 1024)
        {
            if (await stream.ReadAsync(one, ct) == 0)
            {
                break;
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}
