namespace SseGen.FanOut.Server;

/// <summary>One way of broadcasting an event to every subscriber, as the server's publish loop drives it.</summary>
internal interface IFanOutPeer
{
    /// <summary>Subscribers fed now.</summary>
    int Subscribers { get; }

    /// <summary>Hands <paramref name="value"/> to every subscriber, completing as the peer's own publish call does.</summary>
    ValueTask PublishAsync(FanEvent value);
}
