namespace SseGen;

/// <summary>Why a topic stopped feeding a subscription.</summary>
public enum SseTopicEndReason
{
    /// <summary>The subscription is still fed, or its reader left on its own.</summary>
    None,

    /// <summary>Its queue overflowed under <see cref="SseOverflowPolicy.EndStream"/> (or <see cref="SseOverflowPolicy.LatestPerKey"/> with no key to replace).</summary>
    EndedSlow,

    /// <summary>Its queue overflowed under <see cref="SseOverflowPolicy.Disconnect"/>.</summary>
    Disconnected,

    /// <summary>The topic was removed from its registry to make room for another.</summary>
    TopicEvicted,
}
