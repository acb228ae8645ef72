using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SseGen.FanOut.Server;

/// <summary>
/// What users write today without a topic: a <see cref="Channel{T}"/> per subscriber, a loop that copies each published
/// event into every channel, and <c>TypedResults.ServerSentEvents</c> over the channel, which serializes the same event
/// again for each subscriber.
/// </summary>
internal sealed class ChannelPeer : IFanOutPeer
{
    private readonly Lock _lock = new();

    // Copy on write: the publisher walks a snapshot without a lock, as a hand-written hub usually does.
    private Channel<FanEvent>[] _channels = [];

    public int Subscribers => Volatile.Read(ref _channels).Length;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Peers.SubscribePath(Peers.Channel), (ChannelPeer peer, CancellationToken requestAborted) =>
            TypedResults.ServerSentEvents(peer.SubscribeAsync(requestAborted), eventType: Peers.EventName));

    public ValueTask PublishAsync(FanEvent value)
    {
        foreach (Channel<FanEvent> channel in Volatile.Read(ref _channels))
        {
            // Unbounded, so TryWrite always succeeds; a bounded channel would make the slowest subscriber the publisher's pace.
            channel.Writer.TryWrite(value);
        }

        return ValueTask.CompletedTask;
    }

    private async IAsyncEnumerable<FanEvent> SubscribeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Channel<FanEvent> channel = Channel.CreateUnbounded<FanEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        lock (_lock)
        {
            _channels = [.. _channels, channel];
        }

        try
        {
            await foreach (FanEvent value in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return value;
            }
        }
        finally
        {
            lock (_lock)
            {
                _channels = [.. _channels.Where(c => c != channel)];
            }
        }
    }
}
