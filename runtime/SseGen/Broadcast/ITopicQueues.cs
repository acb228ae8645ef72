using System.Diagnostics;

namespace SseGen;

/// <summary>A topic as the queue-depth gauge sees it: its tags and its subscribers' backlogs.</summary>
internal interface ITopicQueues
{
    TagList Tags { get; }

    /// <summary>Live events waiting for the topic's subscribers now, summed.</summary>
    long QueuedEvents { get; }
}
