namespace SseGen;

/// <summary>
/// Carries topics' events between servers through a shared log (SseGen.Redis): the publishing server encodes each event
/// once, the log gives it its id, and every server that follows the topic hands the same bytes to its subscribers.
/// </summary>
/// <remarks>Ids are the log's (<c>{milliseconds}-{sequence}</c>, as Redis stream ids), the same on every server.</remarks>
internal interface ITopicBackplane
{
    /// <summary>Appends one encoded event; the log fills in its id between <see cref="TopicFrameTemplate.Head"/> and <see cref="TopicFrameTemplate.Tail"/>.</summary>
    /// <returns>The event's id.</returns>
    ValueTask<string> AppendAsync(string topic, TopicFrameTemplate frame, string? key, CancellationToken cancellationToken);

    /// <summary>
    /// Starts handing the topic's new events to <paramref name="feed"/>: in the log's order, each once, every one after
    /// the returned id (the latest event the log held when following began, <c>0-0</c> for none).
    /// </summary>
    Task<string> FollowAsync(string topic, ITopicFeed feed);

    /// <summary>Stops handing events to <paramref name="feed"/>; it gets none once this returns.</summary>
    void Unfollow(string topic, ITopicFeed feed);

    /// <summary>
    /// The frames after <paramref name="afterId"/> up to and including <paramref name="throughId"/>; <see langword="null"/>
    /// when the log no longer holds every event after <paramref name="afterId"/> (or never held it), or when they are more
    /// than <paramref name="maxEvents"/> or <paramref name="maxBytes"/>: the client gets <c>history-lost</c>.
    /// </summary>
    Task<IReadOnlyList<SseFrame>?> ReadAsync(string topic, string afterId, string throughId, int maxEvents, long maxBytes, CancellationToken cancellationToken);
}

/// <summary>Where a backplane hands one server's share of a topic's events.</summary>
internal interface ITopicFeed
{
    /// <summary>One event, in the log's order; <paramref name="utf8"/> is checked here, not trusted.</summary>
    void Deliver(string id, string? key, byte[] utf8);
}
