using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SseGen.Tests.Broadcast;

/// <summary>A request whose connection counts its aborts, for what a topic's <see cref="SseOverflowPolicy.Disconnect"/> does to it.</summary>
internal sealed class AbortCountingContext : IHttpRequestLifetimeFeature
{
    private int _aborts;

    public AbortCountingContext()
    {
        Context = new DefaultHttpContext();
        Context.Features.Set<IHttpRequestLifetimeFeature>(this);
    }

    public DefaultHttpContext Context { get; }

    public int Aborts => Volatile.Read(ref _aborts);

    public CancellationToken RequestAborted { get; set; }

    public void Abort() => Interlocked.Increment(ref _aborts);
}
