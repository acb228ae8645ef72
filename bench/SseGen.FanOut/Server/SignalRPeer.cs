using Microsoft.AspNetCore.SignalR;

namespace SseGen.FanOut.Server;

/// <summary>What users pick instead of SSE: a SignalR hub, every subscriber a connection, a publish <c>Clients.All.SendAsync</c>.</summary>
internal sealed class FanOutHub(HubConnectionCount connections) : Hub
{
    public override Task OnConnectedAsync()
    {
        connections.Add(1);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Add(-1);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>Connections inside the hub: the SignalR peer's subscriber count.</summary>
internal sealed class HubConnectionCount
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add(int delta) => Interlocked.Add(ref _count, delta);
}

/// <summary>Publishes through the hub context, as application code outside a hub does; SignalR serializes once per protocol.</summary>
internal sealed class SignalRPublisher(IHubContext<FanOutHub> hub, HubConnectionCount connections) : IFanOutPeer
{
    public int Subscribers => connections.Count;

    public ValueTask PublishAsync(FanEvent value) => new(hub.Clients.All.SendAsync(Peers.EventName, value));
}
