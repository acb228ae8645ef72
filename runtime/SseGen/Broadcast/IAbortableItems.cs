namespace SseGen;

/// <summary>Items that may need to abort the connection they are written to (a topic's <see cref="SseOverflowPolicy.Disconnect"/>).</summary>
internal interface IAbortableItems
{
    Action? Abort { set; }
}
