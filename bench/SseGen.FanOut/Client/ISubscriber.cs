namespace SseGen.FanOut.Client;

/// <summary>One subscriber connection of the driver.</summary>
internal interface ISubscriber
{
    EventReceiver Receiver { get; }

    /// <summary>Connects and subscribes; returns once the request is sent (SSE) or the handshake is done (hub).</summary>
    Task ConnectAsync(int port, string path, CancellationToken cancellationToken);

    /// <summary>Reads until the driver aborts; throws on any framing error or on the server ending the stream.</summary>
    Task ReadAsync(CancellationToken cancellationToken);

    /// <summary>Drops the connection with a reset, so thousands of closes leave no TIME_WAIT behind.</summary>
    void Abort();
}
