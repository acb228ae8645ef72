namespace SseGen;

/// <summary>Options of <see cref="InMemorySseReplayStore"/>.</summary>
public sealed class SseReplayOptions
{
    /// <summary>How many of its latest events each stream keeps for clients that reconnect. Default: 1024.</summary>
    public int Capacity { get; set; } = 1024;
}
