namespace SseGen.FanOut;

/// <summary>The three peers and the idle floor; the driver and the server agree on their names and paths here.</summary>
internal static class Peers
{
    public const string SseGen = "ssegen";
    public const string Channel = "channel";
    public const string SignalR = "signalr";
    public const string KestrelFloor = "floor";

    public static readonly IReadOnlyList<string> FanOut = [SseGen, Channel, SignalR];

    public static readonly IReadOnlyList<string> Idle = [KestrelFloor, SseGen];

    public static string DisplayName(string peer) => peer switch
    {
        SseGen => "SseGen",
        Channel => "Channel per subscriber",
        SignalR => "SignalR",
        KestrelFloor => "Kestrel floor (no SSE)",
        _ => throw new ArgumentOutOfRangeException(nameof(peer), peer, "unknown peer"),
    };

    /// <summary>Where a subscriber connects: an event stream, or the hub for SignalR.</summary>
    public static string SubscribePath(string peer) => peer == SignalR ? HubPath : $"/fanout/{peer}";

    public static string PublishPath(string peer) => $"/publish/{peer}";

    public static string IdlePath(string peer) => $"/idle/{peer}";

    public const string HubPath = "/hub";

    /// <summary>The SignalR method every subscriber receives; also the SSE peers' <c>event:</c> field.</summary>
    public const string EventName = "tick";

    /// <summary>The one topic of the SseGen peer.</summary>
    public const string TopicName = "fanout";

    public const string IdleTopicName = "idle";
}
