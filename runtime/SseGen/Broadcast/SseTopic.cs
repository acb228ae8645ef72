using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SseGen;

/// <summary>
/// A typed broadcast topic in one process: each published value is serialized once into its final frame, kept in a
/// bounded history for resume, and the same frame is handed to every subscriber's bounded queue.
/// </summary>
/// <typeparam name="T">The event type.</typeparam>
/// <remarks>
/// Ids are <c>{epoch}-{sequence}</c>: the sequence counts up from 1, and the epoch is drawn when the topic is created, so
/// an id from before a restart or an eviction reads as <c>history-lost</c>, never as another history's event. Publishing
/// never waits for a subscriber; a subscriber whose queue is full gets <see cref="SseTopicOptions{T}.OverflowPolicy"/>.
/// Registered with a backplane (<c>AddSseRedisTopics</c>), a topic is shared by every server instead: see
/// <see cref="PublishAsync"/> and <see cref="SubscribeAsync(string?, CancellationToken)"/>.
/// </remarks>
public sealed class SseTopic<T> : ITopicQueues
{
    private readonly Lock _lock = new();
    private readonly SseTopicOptions<T> _options;
    private readonly SseTopicWriter<T> _writer;
    private readonly Func<T, string>? _keySelector;
    private readonly string _epoch;
    private readonly SseMetrics _metrics;
    private readonly TagList _tags;
    private readonly ILogger _logger;
    // The first _subscriberCount slots are the subscribers, each knowing its slot, so joining and leaving are O(1)
    // under the lock: a reconnect storm of n clients costs n, not n² copies of the array.
    private TopicSubscriber?[] _subscribers = [];
    private int _subscriberCount;
    // The live events every ring subscriber reads, and the lowest place one of them still needed at the last publish.
    private readonly TopicLiveRing _live;
    private long _oldestNeeded = 1;
    private TopicEntry[] _history = [];
    private int _historyHead;
    private int _historyCount;
    private long _historyBytes;
    private long _sequence;
    private bool _evicted;

    // Shared through a backplane: the subscribers attached or joining, the following that feeds them, and the log
    // position of the latest event it delivered.
    private readonly ITopicBackplane? _backplane;
    private int _members;
    private Task<string>? _follow;
    private Feed? _feed;
    private UInt128 _cursor;
    private string _cursorId = "0-0";

    /// <summary>Creates a topic outside a registry (<see cref="SseTopics{T}"/> is the usual way).</summary>
    /// <param name="name">The topic's name; see <see cref="SseTopicName"/>.</param>
    /// <param name="options">How events are written, kept and delivered; needs a <see cref="SseTopicOptions{T}.Writer"/> or <see cref="SseTopicOptions{T}.TypeInfo"/>.</param>
    /// <param name="meterFactory">Creates the <c>SseGen</c> meter; <see langword="null"/> for a shared one.</param>
    /// <param name="loggerFactory">Creates the <c>SseGen</c> logger; <see langword="null"/> logs nothing.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is invalid, or the options have neither writer nor contract, or <see cref="SseOverflowPolicy.LatestPerKey"/> has no key selector.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound of <paramref name="options"/> is zero or negative.</exception>
    public SseTopic(string name, SseTopicOptions<T> options, IMeterFactory? meterFactory = null, ILoggerFactory? loggerFactory = null)
        : this(name, options, SseMetrics.For(meterFactory), loggerFactory?.CreateLogger("SseGen") ?? NullLogger.Instance, owner: null)
    {
    }

    internal SseTopic(string name, SseTopicOptions<T> options, SseMetrics metrics, ILogger logger, SseTopics<T>? owner)
    {
        SseTopicName.Validate(name);
        ValidateOptions(options);
        Name = name;
        _options = options;
        _writer = Writer(options);
        // Whenever there is one: an endpoint may choose LatestPerKey for its own subscribers.
        _keySelector = options.KeySelector;
        _epoch = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        _metrics = metrics;
        _tags = new TagList { { SseMetrics.TopicTypeTag, options.MetricName ?? typeof(T).Name } };
        _live = new TopicLiveRing(options.QueueCapacity);
        _logger = logger;
        _backplane = options.Backplane;
        Owner = owner;
    }

    /// <summary>The topic's name.</summary>
    public string Name { get; }

    /// <summary>How many subscriptions the topic feeds now.</summary>
    public int SubscriberCount => Volatile.Read(ref _subscriberCount);

    /// <summary>
    /// The id of the latest published event (sequence 0 before the first); through a backplane, of the latest event this
    /// server delivered to its subscribers (<c>0-0</c> before the first).
    /// </summary>
    public string LastEventId
    {
        get
        {
            lock (_lock)
            {
                return _backplane is null ? FormatId(_sequence) : _cursorId;
            }
        }
    }

    internal SseTopics<T>? Owner { get; }

    /// <summary>When the topic was last published to or subscribed, as a <see cref="Stopwatch"/> timestamp; for the registry's eviction.</summary>
    internal long LastUsed { get; private set; } = Stopwatch.GetTimestamp();

    internal TagList Tags => _tags;

    internal void Touch() => LastUsed = Stopwatch.GetTimestamp();

    internal SseMetrics Metrics => _metrics;

    /// <summary>
    /// Gives <paramref name="value"/> the next id, serializes it once into its frame, keeps the frame in the history and
    /// queues the same frame for every subscriber. Never waits for a subscriber.
    /// </summary>
    /// <param name="value">The event.</param>
    /// <param name="cancellationToken">Cancels the publish before it happens.</param>
    /// <returns>The frame every subscriber receives; its <see cref="SseFrame.Id"/> is the event's id.</returns>
    /// <exception cref="ArgumentException">The writer wrote an invalid field; nothing was published and no id was used.</exception>
    /// <remarks>
    /// Through a backplane the event is serialized once here, with its id left open; the shared log appends it, fills in
    /// its id, and every server following the topic (this one too) hands those bytes to its subscribers, in the log's
    /// order. The returned task completes once the log holds the event.
    /// </remarks>
    public ValueTask<SseFrame> PublishAsync(T value, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string? key = _keySelector?.Invoke(value);
        if (_backplane is not null)
        {
            return PublishSharedAsync(_backplane, value, key, cancellationToken);
        }

        List<TopicSubscriber>? overflowed;
        SseFrame frame;
        lock (_lock)
        {
            if (_evicted && Owner is not null)
            {
                goto Forward;
            }

            // Under the lock, so ids, the history and every queue get events in one order; the writer is the only
            // serialization of the event, whatever the number of subscribers.
            string id = FormatId(_sequence + 1);
            frame = SseFrame.Capture((_writer, value, id), static (w, s) => s._writer(w, s.value, s.id), id);
            var entry = new TopicEntry((UInt128)(++_sequence), frame, key, Stopwatch.GetTimestamp());
            AppendHistory(entry);
            LastUsed = entry.PublishedAt;
            overflowed = OfferLocked(entry);
        }

        _metrics.TopicPublished.Add(1, in _tags);
        AbortDisconnected(overflowed);
        return ValueTask.FromResult(frame);

    Forward:
        // A publisher that held on to the topic while the registry evicted it publishes to the live one; outside this
        // topic's lock, since the registry takes topic locks under its own.
        return Owner.Get(Name).PublishAsync(value, cancellationToken);
    }

    /// <summary>
    /// A subscription: on enumeration, the events after <paramref name="lastEventId"/> from the history (or one
    /// <c>history-lost</c> event), then live events, with no gap or duplicate between them.
    /// </summary>
    /// <remarks>
    /// Through a backplane the history is the shared log's, so <paramref name="lastEventId"/> may come from any server:
    /// the first subscriber of the topic on this server starts following it, the last one to leave stops.
    /// </remarks>
    /// <param name="lastEventId">The client's <c>Last-Event-ID</c>; <see langword="null"/> for live events only.</param>
    /// <param name="cancellationToken">Ends the subscription, like the enumerator's own token.</param>
    /// <returns>The subscription; it joins the topic when enumerated and leaves when the enumerator is disposed.</returns>
    public SseSubscription<T> SubscribeAsync(string? lastEventId, CancellationToken cancellationToken = default) =>
        new(this, lastEventId, overflowPolicy: null, cancellationToken);

    /// <summary>
    /// A subscription as <see cref="SubscribeAsync(string?, CancellationToken)"/>, whose queue overflows under
    /// <paramref name="overflowPolicy"/> rather than the topic's: one endpoint's clients can be disconnected, or keep
    /// the latest event per key, while another endpoint of the same topics ends its slow streams.
    /// </summary>
    /// <param name="lastEventId">The client's <c>Last-Event-ID</c>; <see langword="null"/> for live events only.</param>
    /// <param name="overflowPolicy">What happens to this subscription when its queue is full.</param>
    /// <param name="cancellationToken">Ends the subscription, like the enumerator's own token.</param>
    /// <returns>The subscription; it joins the topic when enumerated and leaves when the enumerator is disposed.</returns>
    /// <exception cref="ArgumentException"><see cref="SseOverflowPolicy.LatestPerKey"/> and the topics have no <see cref="SseTopicOptions{T}.KeySelector"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="overflowPolicy"/> is not a defined policy.</exception>
    public SseSubscription<T> SubscribeAsync(string? lastEventId, SseOverflowPolicy overflowPolicy, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(overflowPolicy))
        {
            throw new ArgumentOutOfRangeException(nameof(overflowPolicy), overflowPolicy, "Not an SseOverflowPolicy.");
        }

        if (overflowPolicy == SseOverflowPolicy.LatestPerKey && _keySelector is null)
        {
            throw new ArgumentException("SseOverflowPolicy.LatestPerKey needs SseTopicOptions.KeySelector.", nameof(overflowPolicy));
        }

        return new(this, lastEventId, overflowPolicy, cancellationToken);
    }

    /// <summary>Whether the topic is shared through a backplane, so subscribers join with <see cref="JoinSharedAsync"/>.</summary>
    internal bool IsShared => _backplane is not null;

    /// <summary>Joins a subscriber and takes what it must replay first, under the lock that orders publishes.</summary>
    internal TopicSubscriber Attach(string? lastEventId, SseOverflowPolicy? overflowPolicy, List<SseFrame> replay)
    {
        TopicSubscriber subscriber = NewSubscriber(overflowPolicy, replay);
        bool lost = false;
        lock (_lock)
        {
            if (_evicted)
            {
                // Obtained before the registry evicted it: end at once, and the client's reconnect finds the live topic.
                subscriber.End(SseTopicEndReason.TopicEvicted);
                return subscriber;
            }

            if (lastEventId is not null)
            {
                lost = !AddMissedLocked(lastEventId, replay);
                if (lost)
                {
                    replay.Add(SseFrame.Create(lastEventId, ISseReplayStore.HistoryLostEventType, FormatId(_sequence)));
                }
            }

            subscriber.Join(_live.Head);
            AddLocked(subscriber);
            LastUsed = Stopwatch.GetTimestamp();
        }

        _metrics.TopicSubscribers.Add(1, in _tags);
        if (lost)
        {
            _metrics.TopicHistoryLost.Add(1, in _tags);
            TopicLog.HistoryLost(_logger, Name, lastEventId!);
        }

        return subscriber;
    }

    /// <summary>
    /// Joins a subscriber of a shared topic: follows the topic first (once per server), attaches the subscriber at the
    /// position this server has delivered up to, then reads what the client missed up to that position from the log.
    /// Live events that arrive meanwhile wait in the subscriber's queue; those the client already has are skipped.
    /// </summary>
    internal async Task<TopicSubscriber> JoinSharedAsync(string? lastEventId, SseOverflowPolicy? overflowPolicy, List<SseFrame> replay, CancellationToken cancellationToken)
    {
        ITopicBackplane backplane = _backplane!;
        TopicSubscriber subscriber = NewSubscriber(overflowPolicy, replay);
        Task<string> follow;
        lock (_lock)
        {
            if (_evicted)
            {
                subscriber.End(SseTopicEndReason.TopicEvicted);
                subscriber.TryLeave();
                return subscriber;
            }

            _members++;
            if (_follow is null)
            {
                _feed = new Feed(this);
                _follow = backplane.FollowAsync(Name, _feed);
            }

            follow = _follow;
            LastUsed = Stopwatch.GetTimestamp();
        }

        string liveFrom;
        UInt128 livePosition;
        try
        {
            string start = await follow.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                // Events the feed delivered before this join saw the start are after it: the position only moves on.
                if (BackplaneId.TryParse(start, out UInt128 startPosition) && startPosition > _cursor)
                {
                    _cursor = startPosition;
                    _cursorId = start;
                }

                liveFrom = _cursorId;
                livePosition = _cursor;
                subscriber.Join(_live.Head);
                AddLocked(subscriber);
            }
        }
        catch
        {
            Leave(subscriber, failedFollow: follow);
            throw;
        }

        _metrics.TopicSubscribers.Add(1, in _tags);
        if (lastEventId is null)
        {
            return subscriber;
        }

        IReadOnlyList<SseFrame>? missed;
        try
        {
            missed = await backplane.ReadAsync(Name, lastEventId, liveFrom, _options.MaxResumeEvents, _options.MaxResumeBytes, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Detach(subscriber);
            throw;
        }

        if (missed is null)
        {
            replay.Add(SseFrame.Create(lastEventId, ISseReplayStore.HistoryLostEventType, liveFrom));
            _metrics.TopicHistoryLost.Add(1, in _tags);
            TopicLog.HistoryLost(_logger, Name, lastEventId);
        }
        else
        {
            replay.AddRange(missed);

            // The client has events this server has not delivered yet (it came from a server further ahead).
            if (BackplaneId.TryParse(lastEventId, out UInt128 seen) && seen > livePosition)
            {
                subscriber.SkipThrough = seen;
            }
        }

        return subscriber;
    }

    internal void Detach(TopicSubscriber subscriber)
    {
        subscriber.End(SseTopicEndReason.None);
        lock (_lock)
        {
            RemoveLocked([subscriber]);
        }

        if (_backplane is not null)
        {
            Leave(subscriber, failedFollow: null);
        }
    }

    /// <summary>A shared topic's member leaves; the last one stops the following, once it has started.</summary>
    private void Leave(TopicSubscriber subscriber, Task<string>? failedFollow)
    {
        if (!subscriber.TryLeave())
        {
            return;
        }

        Task<string>? stopping = null;
        Feed? feed = null;
        lock (_lock)
        {
            _members--;
            if (_members == 0 || (failedFollow is { IsFaulted: true } && ReferenceEquals(failedFollow, _follow)))
            {
                // A following that failed is not kept for the next subscriber: it tries again.
                stopping = _follow;
                feed = _feed;
                _follow = null;
                _feed = null;
            }
        }

        if (stopping is not null && feed is not null)
        {
            _ = StopFollowingAsync(stopping, feed);
        }
    }

    private async Task StopFollowingAsync(Task<string> following, Feed feed)
    {
        try
        {
            await following.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Nothing to stop: the backplane did not follow. The subscriber that waited for it got the exception.
            TopicLog.FollowFailed(_logger, Name, exception);
            return;
        }

        _backplane!.Unfollow(Name, feed);
    }

    /// <summary>One event from the backplane, in the log's order: checked, then queued for every subscriber of this server.</summary>
    private void Deliver(Feed feed, string id, string? key, byte[] utf8)
    {
        if (!BackplaneId.TryParse(id, out UInt128 position) || !TopicFrameTemplate.IsWholeFrames(utf8))
        {
            TopicLog.ForeignEntryDropped(_logger, Name, id);
            return;
        }

        var entry = new TopicEntry(position, SseFrame.FromEncoded(utf8, id), key, Stopwatch.GetTimestamp());
        List<TopicSubscriber>? overflowed;
        lock (_lock)
        {
            if (!ReferenceEquals(feed, _feed) || position <= _cursor)
            {
                return;
            }

            _cursor = position;
            _cursorId = id;
            LastUsed = entry.PublishedAt;
            overflowed = OfferLocked(entry);
        }

        AbortDisconnected(overflowed);
    }

    private async ValueTask<SseFrame> PublishSharedAsync(ITopicBackplane backplane, T value, string? key, CancellationToken cancellationToken)
    {
        // The only serialization of the event, on this server, whatever the number of servers and subscribers.
        SseFrame pending = SseFrame.Capture((_writer, value), static (w, s) => s._writer(w, s.value, TopicFrameTemplate.PendingId));
        TopicFrameTemplate template = TopicFrameTemplate.Split(pending.Utf8.Span);
        string id = await backplane.AppendAsync(Name, template, key, cancellationToken).ConfigureAwait(false);
        LastUsed = Stopwatch.GetTimestamp();
        _metrics.TopicPublished.Add(1, in _tags);
        return template.Fill(id);
    }

    private TopicSubscriber NewSubscriber(SseOverflowPolicy? overflowPolicy, List<SseFrame> replay)
    {
        SseOverflowPolicy policy = overflowPolicy ?? _options.OverflowPolicy;
        TopicSubscriber subscriber = policy == SseOverflowPolicy.LatestPerKey
            ? new KeyedQueueSubscriber(_options.QueueCapacity, _options.QueueMaxBytes)
            : new RingSubscriber(_live, _options.QueueCapacity, _options.QueueMaxBytes, policy);
        if (_options.RetryMilliseconds is { } retry)
        {
            long spread = (long)(retry * _options.RetryJitter * Random.Shared.NextDouble());
            replay.Add(SseFrame.Capture(retry + spread, static (w, ms) => w.WriteRetry(ms)));
        }

        return subscriber;
    }

    /// <summary>
    /// Appends <paramref name="entry"/> to the live ring once and offers it to every subscriber; removes and returns
    /// those its policy ended. A ring subscriber costs the walk two reads, and a wake when it waits.
    /// </summary>
    private List<TopicSubscriber>? OfferLocked(TopicEntry entry)
    {
        _live.Append(entry, _oldestNeeded);
        // Between moving the head and reading the subscribers' waiters: a reader arms its waiter, fences, then reads the
        // head, so one of the two sees the other and no wake is lost.
        Interlocked.MemoryBarrier();
        List<TopicSubscriber>? overflowed = null;
        long oldestNeeded = entry.LiveSequence + 1;
        TopicSubscriber?[] subscribers = _subscribers;
        for (int i = 0; i < _subscriberCount; i++)
        {
            TopicSubscriber subscriber = subscribers[i]!;
            SseOverflowPolicy? action = subscriber.Offer(entry, out bool ended);
            if (!ended && subscriber is RingSubscriber reader)
            {
                oldestNeeded = Math.Min(oldestNeeded, reader.Next);
            }

            if (action is { } taken)
            {
                _metrics.TopicOverflows.Add(1, [.. _tags, new(SseMetrics.OverflowActionTag, ActionName(taken))]);
                TopicLog.SubscriberOverflowed(_logger, Name, _options.QueueCapacity, _options.QueueMaxBytes, taken);
            }

            if (ended)
            {
                (overflowed ??= []).Add(subscriber);
            }
        }

        if (overflowed is not null)
        {
            RemoveLocked(overflowed);
        }

        _oldestNeeded = oldestNeeded;
        _live.Release(oldestNeeded);
        return overflowed;
    }

    /// <summary>Outside the lock: aborting a connection is the transport's work, not the publisher's.</summary>
    private static void AbortDisconnected(List<TopicSubscriber>? overflowed)
    {
        if (overflowed is null)
        {
            return;
        }

        foreach (TopicSubscriber subscriber in overflowed)
        {
            if (subscriber.EndReason == SseTopicEndReason.Disconnected)
            {
                subscriber.Connection?.Abort();
            }
        }
    }

    /// <summary>Marks the topic evicted when it has no subscriber; called by the registry under its own lock.</summary>
    internal bool TryEvict()
    {
        lock (_lock)
        {
            if (_subscriberCount > 0 || _members > 0)
            {
                return false;
            }

            _evicted = true;
            return true;
        }
    }

    /// <summary>Adds the history's frames after <paramref name="lastEventId"/>; <see langword="false"/> when they are not all held or exceed one resume's cap.</summary>
    private bool AddMissedLocked(string lastEventId, List<SseFrame> replay)
    {
        long firstHeld = _sequence - _historyCount + 1;
        if (!TryParseSequence(lastEventId, out long after) || after > _sequence || after < firstHeld - 1)
        {
            return false;
        }

        long missed = _sequence - after;
        if (missed > _options.MaxResumeEvents)
        {
            return false;
        }

        int start = replay.Count;
        long bytes = 0;
        for (long sequence = after + 1; sequence <= _sequence; sequence++)
        {
            TopicEntry entry = _history[(_historyHead + (int)(sequence - firstHeld)) % _history.Length];
            bytes += entry.Length;
            if (bytes > _options.MaxResumeBytes)
            {
                replay.RemoveRange(start, replay.Count - start);
                return false;
            }

            replay.Add(entry.Frame);
        }

        return true;
    }

    private void AppendHistory(TopicEntry entry)
    {
        if (_historyCount == _history.Length && _history.Length < _options.HistoryCapacity)
        {
            // Grown on demand: a registry of many quiet topics should not pay for full rings.
            var grown = new TopicEntry[Math.Min(_options.HistoryCapacity, Math.Max(16, _history.Length * 2))];
            for (int i = 0; i < _historyCount; i++)
            {
                grown[i] = _history[(_historyHead + i) % _history.Length];
            }

            _history = grown;
            _historyHead = 0;
        }

        if (_historyCount == _history.Length)
        {
            DropOldestLocked();
        }

        _history[(_historyHead + _historyCount) % _history.Length] = entry;
        _historyCount++;
        _historyBytes += entry.Length;
        while (_historyBytes > _options.HistoryMaxBytes && _historyCount > 1)
        {
            DropOldestLocked();
        }
    }

    private void DropOldestLocked()
    {
        TopicEntry oldest = _history[_historyHead];
        _history[_historyHead] = null!;
        _historyHead = (_historyHead + 1) % _history.Length;
        _historyCount--;
        _historyBytes -= oldest.Length;
    }

    private void RemoveLocked(List<TopicSubscriber> leaving)
    {
        int removed = 0;
        foreach (TopicSubscriber subscriber in leaving)
        {
            int slot = subscriber.Slot;
            if (slot < 0 || slot >= _subscriberCount || !ReferenceEquals(_subscribers[slot], subscriber))
            {
                continue;
            }

            // The last subscriber takes the leaver's slot.
            int last = _subscriberCount - 1;
            TopicSubscriber moved = _subscribers[last]!;
            _subscribers[slot] = moved;
            moved.Slot = slot;
            _subscribers[last] = null;
            subscriber.Slot = -1;
            Volatile.Write(ref _subscriberCount, last);
            removed++;
        }

        if (removed == 0)
        {
            return;
        }

        _metrics.TopicSubscribers.Add(-removed, in _tags);
        if (_subscribers.Length > 16 && _subscriberCount < _subscribers.Length / 4)
        {
            // Shrunk after a storm has gone, so a quiet topic does not keep its peak.
            Array.Resize(ref _subscribers, _subscribers.Length / 2);
        }

        if (_subscriberCount == 0)
        {
            _metrics.UntrackQueues(this);
        }
    }

    private void AddLocked(TopicSubscriber subscriber)
    {
        if (_subscriberCount == _subscribers.Length)
        {
            Array.Resize(ref _subscribers, Math.Max(4, _subscribers.Length * 2));
        }

        _subscribers[_subscriberCount] = subscriber;
        subscriber.Slot = _subscriberCount;
        Volatile.Write(ref _subscriberCount, _subscriberCount + 1);
        if (_subscriberCount == 1)
        {
            // Counted by the queue-depth gauge while it has subscribers; a topic nobody reads is not walked.
            _metrics.TrackQueues(this);
        }
    }

    TagList ITopicQueues.Tags => _tags;

    long ITopicQueues.QueuedEvents
    {
        get
        {
            long queued = 0;
            lock (_lock)
            {
                for (int i = 0; i < _subscriberCount; i++)
                {
                    queued += _subscribers[i]!.Count;
                }
            }

            return queued;
        }
    }

    private string FormatId(long sequence) => string.Create(CultureInfo.InvariantCulture, $"{_epoch}-{sequence}");

    private bool TryParseSequence(string id, out long sequence)
    {
        sequence = 0;
        return id.Length > _epoch.Length + 1
            && id.StartsWith(_epoch, StringComparison.Ordinal)
            && id[_epoch.Length] == '-'
            && long.TryParse(id.AsSpan(_epoch.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }

    /// <summary>The backplane's view of this topic for one following: deliveries of an earlier following are ignored.</summary>
    private sealed class Feed(SseTopic<T> topic) : ITopicFeed
    {
        public void Deliver(string id, string? key, byte[] utf8) => topic.Deliver(this, id, key, utf8);
    }

    private static string ActionName(SseOverflowPolicy action) => action switch
    {
        SseOverflowPolicy.Disconnect => "disconnect",
        SseOverflowPolicy.LatestPerKey => "latest-per-key",
        _ => "end-stream",
    };

    private static SseTopicWriter<T> Writer(SseTopicOptions<T> options)
    {
        if (options.Writer is { } writer)
        {
            return writer;
        }

        if (options.TypeInfo is not { } typeInfo)
        {
            throw new ArgumentException($"Topics of {typeof(T).Name} need SseTopicOptions.Writer or SseTopicOptions.TypeInfo.", nameof(options));
        }

        // Without its own, the event type is the one [SseEvent] gives T, as endpoints and generated clients name T's events.
        string? eventType = options.EventType ?? typeof(T).GetCustomAttribute<SseEventAttribute>(inherit: false)?.EventType;
        SseFrameWriter.ValidateEventType(eventType, nameof(options));
        return (w, value, id) => w.WriteJsonEvent(value, typeInfo, eventType, id);
    }

    internal static void ValidateOptions(SseTopicOptions<T> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.HistoryCapacity, nameof(options.HistoryCapacity));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.HistoryMaxBytes, nameof(options.HistoryMaxBytes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxResumeEvents, nameof(options.MaxResumeEvents));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxResumeBytes, nameof(options.MaxResumeBytes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.QueueCapacity, nameof(options.QueueCapacity));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.QueueMaxBytes, nameof(options.QueueMaxBytes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxTopics, nameof(options.MaxTopics));
        if (options.RetryMilliseconds is { } retry)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(retry, nameof(options.RetryMilliseconds));
        }

        if (!(options.RetryJitter >= 0 && options.RetryJitter <= 10))
        {
            throw new ArgumentOutOfRangeException(nameof(options.RetryJitter), options.RetryJitter, "RetryJitter must be from 0 to 10.");
        }

        if (options.OverflowPolicy == SseOverflowPolicy.LatestPerKey && options.KeySelector is null)
        {
            throw new ArgumentException("SseOverflowPolicy.LatestPerKey needs SseTopicOptions.KeySelector.", nameof(options));
        }
    }
}
