namespace SseGen.LoadTest.Server;

/// <summary>The URLs of the three peers; the client and the server agree on them here.</summary>
internal static class PeerRoutes
{
    public const string SseGen = "ssegen";
    public const string TypedResults = "typedresults";
    public const string SseFormatter = "sseformatter";
    public const string KestrelFloor = "floor";

    public static readonly IReadOnlyList<string> All = [SseGen, TypedResults, SseFormatter];

    /// <summary>The peers of the idle scenario, with Kestrel's own floor measured beside them.</summary>
    public static readonly IReadOnlyList<string> IdlePeers = [SseGen, TypedResults, SseFormatter, KestrelFloor];

    /// <summary>How a peer sends heartbeats on an idle stream, as printed in the results.</summary>
    public static string HeartbeatSource(string peer) => peer switch
    {
        SseGen => "[SseEndpoint(HeartbeatSeconds = 1)]",
        TypedResults => "n/a: TypedResults.ServerSentEvents cannot write comments",
        KestrelFloor => "none: a response with its head sent, awaiting the client's abort",
        _ => "hand-written PeriodicTimer loop writing \":\\n\\n\" per connection",
    };

    public static string DisplayName(string peer) => peer switch
    {
        SseGen => "SseGen",
        TypedResults => "TypedResults",
        KestrelFloor => "Kestrel floor (no SSE)",
        _ => "SseFormatter",
    };

    /// <summary>The path of a peer's stream of ticks; the count comes as <c>?count=</c>.</summary>
    public static string Ticks(string peer) => $"/ticks/{peer}";

    public static string IdlePath(string peer) => $"/idle/{peer}";
}
