namespace SseGen;

/// <summary>A stream of already encoded frames declared as a stream of items (see <see cref="EncodedEvents{TItem}"/>).</summary>
internal interface IEncodedEvents
{
    /// <summary>The frames to write as they are.</summary>
    IAsyncEnumerable<SseFrame> Frames { get; }
}

/// <summary>
/// A topic's subscription typed as the items a shared contract's method declares (<c>IAsyncEnumerable&lt;T&gt;</c> or
/// <c>IAsyncEnumerable&lt;SseItem&lt;T&gt;&gt;</c>): a contract project references SseGen.Abstractions alone, so it cannot
/// name <see cref="SseSubscription{T}"/>. <see cref="SseResponse"/> writes the subscription's frames as they are.
/// </summary>
/// <typeparam name="TItem">The declared item type.</typeparam>
internal sealed class EncodedEvents<TItem>(IAsyncEnumerable<SseFrame> frames) : IAsyncEnumerable<TItem>, IEncodedEvents
{
    public IAsyncEnumerable<SseFrame> Frames => frames;

    // The events were encoded once when they were published, for every subscriber; decoding them back into items here
    // would need the reading side's contracts (and a union's event names), which is the generated client's job.
    public IAsyncEnumerator<TItem> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(
            "A topic subscription returned as items is written by an SseGen endpoint (SseResponse.StreamAsync), which sends its encoded frames; " +
            "enumerate the SseSubscription itself for the frames, or call the endpoint with its generated client for items.");
}
