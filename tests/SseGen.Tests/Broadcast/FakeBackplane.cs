using System.Globalization;

namespace SseGen.Tests.Broadcast;

/// <summary>
/// A shared log in memory, standing in for Redis between topics of one test: ids <c>{n}-0</c>, the frame filled in as
/// the Redis script does, each append handed to every follower at once. Followers can be held back to stage a server
/// that is behind.
/// </summary>
internal sealed class FakeBackplane : ITopicBackplane
{
    private readonly Lock _lock = new();
    private readonly List<(string Id, string? Key, byte[] Frame)> _log = [];
    private readonly List<ITopicFeed> _feeds = [];

    public int Appends { get; private set; }

    public int FollowerCount
    {
        get
        {
            lock (_lock)
            {
                return _feeds.Count;
            }
        }
    }

    /// <summary>While set, appends are logged but not handed to followers (a server whose messages are late).</summary>
    public bool HoldDeliveries { get; set; }

    public ValueTask<string> AppendAsync(string topic, TopicFrameTemplate frame, string? key, CancellationToken cancellationToken)
    {
        string id;
        byte[] utf8;
        ITopicFeed[] feeds;
        lock (_lock)
        {
            Appends++;
            id = (_log.Count + 1).ToString(CultureInfo.InvariantCulture) + "-0";
            utf8 = [.. frame.Head, .. System.Text.Encoding.UTF8.GetBytes(id), .. frame.Tail];
            _log.Add((id, key, utf8));
            feeds = HoldDeliveries ? [] : [.. _feeds];
        }

        // Outside the lock, as Redis hands messages on: the topic takes its own lock to deliver.
        foreach (ITopicFeed feed in feeds)
        {
            feed.Deliver(id, key, utf8);
        }

        return ValueTask.FromResult(id);
    }

    /// <summary>Puts an entry in the log that no SseGen writer wrote, and hands it on.</summary>
    public void AppendForeign(byte[] utf8)
    {
        string id;
        ITopicFeed[] feeds;
        lock (_lock)
        {
            id = (_log.Count + 1).ToString(CultureInfo.InvariantCulture) + "-0";
            _log.Add((id, null, utf8));
            feeds = [.. _feeds];
        }

        foreach (ITopicFeed feed in feeds)
        {
            feed.Deliver(id, null, utf8);
        }
    }

    /// <summary>Hands the held-back entries from <paramref name="afterIndex"/> on to every follower.</summary>
    public void Release(int afterIndex)
    {
        (string Id, string? Key, byte[] Frame)[] held;
        ITopicFeed[] feeds;
        lock (_lock)
        {
            held = [.. _log.Skip(afterIndex)];
            feeds = [.. _feeds];
        }

        foreach ((string id, string? key, byte[] frame) in held)
        {
            foreach (ITopicFeed feed in feeds)
            {
                feed.Deliver(id, key, frame);
            }
        }
    }

    public Task<string> FollowAsync(string topic, ITopicFeed feed)
    {
        lock (_lock)
        {
            _feeds.Add(feed);
            return Task.FromResult(_log.Count == 0 ? "0-0" : _log[^1].Id);
        }
    }

    public void Unfollow(string topic, ITopicFeed feed)
    {
        lock (_lock)
        {
            _feeds.Remove(feed);
        }
    }

    public Task<IReadOnlyList<SseFrame>?> ReadAsync(string topic, string afterId, string throughId, int maxEvents, long maxBytes, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!TryIndex(afterId, out int after) || after > _log.Count || !TryIndex(throughId, out int through))
            {
                return Task.FromResult<IReadOnlyList<SseFrame>?>(null);
            }

            var frames = _log.Skip(after).Take(Math.Max(0, through - after)).Select(e => SseFrame.FromEncoded(e.Frame, e.Id)).ToList();
            return Task.FromResult<IReadOnlyList<SseFrame>?>(frames.Count > maxEvents ? null : frames);
        }
    }

    private static bool TryIndex(string id, out int index) =>
        int.TryParse(id.AsSpan(0, Math.Max(0, id.IndexOf('-', StringComparison.Ordinal))), NumberStyles.None, CultureInfo.InvariantCulture, out index);
}
