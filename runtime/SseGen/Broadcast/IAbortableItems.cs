using Microsoft.AspNetCore.Http;

namespace SseGen;

/// <summary>Items that may need to abort the connection they are written to (a topic's <see cref="SseOverflowPolicy.Disconnect"/>).</summary>
/// <remarks>
/// Their enumerator is <see cref="IStoppable"/>, and the stream that sets <see cref="Connection"/> stops it when the host
/// stops and when that connection is aborted: on the connection's own token the items register nothing.
/// </remarks>
internal interface IAbortableItems
{
    /// <summary>The request whose connection the items are written to; set by <see cref="SseResponse"/> before it enumerates them.</summary>
    /// <remarks>The request itself, not a delegate bound to its <c>Abort</c>: that would be 64 bytes more on every idle stream.</remarks>
    HttpContext? Connection { set; }
}
