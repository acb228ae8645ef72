using System.Net;
using System.Net.Sockets;

namespace SseGen.FanOut.Client;

/// <summary>
/// Spreads the driver's connections over several 127.0.0.x source addresses, so their ephemeral ports come from one
/// range per address: with the port chosen at connect (IP_BIND_ADDRESS_NO_PORT), 10,000s of sockets never run short.
/// </summary>
internal sealed class LoopbackSource(int addresses)
{
    // Linux's IP_BIND_ADDRESS_NO_PORT (SOL_IP): bind the address now, pick the port at connect for the whole 4-tuple.
    private const int SolIp = 0;
    private const int IpBindAddressNoPort = 24;

    private int _next;

    public int Addresses { get; } = addresses;

    /// <summary>A connected TCP socket from the next source address.</summary>
    public async Task<Socket> ConnectAsync(EndPoint server, CancellationToken cancellationToken)
    {
        int index = (int)((uint)Interlocked.Increment(ref _next) % (uint)Addresses);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (OperatingSystem.IsLinux())
            {
                socket.SetRawSocketOption(SolIp, IpBindAddressNoPort, BitConverter.GetBytes(1));
            }

            socket.Bind(new IPEndPoint(new IPAddress([127, 0, 0, (byte)(1 + index)]), 0));
            await socket.ConnectAsync(server, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
