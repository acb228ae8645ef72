using System.Diagnostics;

namespace SseGen;

/// <summary>
/// One client's subscription to a <see cref="SseTopic{T}"/>: the frames it missed, then live frames. Return it from an
/// <see cref="SseEndpointAttribute"/> method, or enumerate it once yourself.
/// </summary>
/// <typeparam name="T">The topic's event type, which the endpoint documents as its events.</typeparam>
/// <remarks>
/// The subscription joins the topic when its enumerator is created (<see cref="GetAsyncEnumerator"/>), so creating one and not enumerating it holds nothing. The stream
/// ends when the token is cancelled, or when the topic ends it under its overflow policy (see <see cref="EndReason"/>);
/// the client then resumes with <c>Last-Event-ID</c>.
/// </remarks>
public sealed class SseSubscription<T> : IAsyncEnumerable<SseFrame>, IAbortableItems
{
    private readonly SseTopic<T> _topic;
    private readonly string? _lastEventId;
    private readonly SseOverflowPolicy? _overflowPolicy;
    private readonly CancellationToken _cancellationToken;
    private TopicSubscriber? _subscriber;
    private int _enumerated;
    private Action? _abort;

    internal SseSubscription(SseTopic<T> topic, string? lastEventId, SseOverflowPolicy? overflowPolicy, CancellationToken cancellationToken)
    {
        _topic = topic;
        _lastEventId = lastEventId;
        _overflowPolicy = overflowPolicy;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The topic subscribed to.</summary>
    public SseTopic<T> Topic => _topic;

    /// <summary>Why the topic stopped feeding this subscription; <see cref="SseTopicEndReason.None"/> while it is fed.</summary>
    public SseTopicEndReason EndReason => _subscriber?.EndReason ?? SseTopicEndReason.None;

    /// <summary>How many live events wait for this subscription now.</summary>
    public int QueuedCount => _subscriber?.Count ?? 0;

    /// <summary>How many bytes of live frames wait for this subscription now.</summary>
    public long QueuedBytes => _subscriber?.Bytes ?? 0;

    // Aborts the client's connection under SseOverflowPolicy.Disconnect; set by SseResponse.
    Action? IAbortableItems.Abort { set => _abort = value; }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The subscription was already enumerated.</exception>
    public IAsyncEnumerator<SseFrame> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("A subscription is enumerated once; subscribe again for another stream.");
        }

        _cancellationToken.ThrowIfCancellationRequested();
        cancellationToken.ThrowIfCancellationRequested();
        var replay = new List<SseFrame>();
        if (_topic.IsShared)
        {
            // The shared log is read asynchronously: the enumerator joins on its first move.
            return new Enumerator(this, subscriber: null, replay, _cancellationToken, cancellationToken);
        }

        TopicSubscriber subscriber = _topic.Attach(_lastEventId, _overflowPolicy, replay);
        Joined(subscriber);
        return new Enumerator(this, subscriber, replay, _cancellationToken, cancellationToken);
    }

    private void Joined(TopicSubscriber subscriber)
    {
        subscriber.Abort = _abort;
        _subscriber = subscriber;
    }

    /// <summary>
    /// Written by hand rather than as an async iterator: a frame that is ready is taken without an await, and disposing
    /// while a move waits (a stream torn down mid-wait) leaves the topic and ends that move instead of throwing.
    /// </summary>
    private sealed class Enumerator : IAsyncEnumerator<SseFrame>
    {
        private readonly SseSubscription<T> _owner;
        private readonly SseTopic<T> _topic;
        private readonly List<SseFrame> _replay;
        private readonly CancellationTokenSource? _linked;
        private readonly CancellationToken _token;
        private TopicSubscriber? _subscriber;
        private bool _joined;
        private int _replayed;
        private volatile bool _disposed;

        // subscriber: null for a shared topic, which joins on the first move.
        public Enumerator(SseSubscription<T> owner, TopicSubscriber? subscriber, List<SseFrame> replay, CancellationToken subscriptionToken, CancellationToken enumeratorToken)
        {
            _owner = owner;
            _topic = owner._topic;
            _subscriber = subscriber;
            _joined = subscriber is not null;
            _replay = replay;
            _linked = subscriptionToken.CanBeCanceled && enumeratorToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(subscriptionToken, enumeratorToken)
                : null;
            _token = _linked?.Token ?? (enumeratorToken.CanBeCanceled ? enumeratorToken : subscriptionToken);
        }

        public SseFrame Current { get; private set; } = null!;

        public ValueTask<bool> MoveNextAsync()
        {
            if (_disposed)
            {
                return new ValueTask<bool>(false);
            }

            _token.ThrowIfCancellationRequested();
            if (!_joined)
            {
                return JoinAndMoveAsync();
            }

            if (_replayed < _replay.Count)
            {
                Current = _replay[_replayed++];
                return new ValueTask<bool>(true);
            }

            return TryTake(out Task? wait) ? new ValueTask<bool>(true)
                : wait is null ? new ValueTask<bool>(false)
                : WaitAsync(wait);
        }

        public ValueTask DisposeAsync()
        {
            if (!_disposed)
            {
                _disposed = true;
                if (Interlocked.Exchange(ref _subscriber, null) is { } subscriber)
                {
                    _topic.Detach(subscriber);
                }

                _linked?.Dispose();
            }

            return default;
        }

        private async ValueTask<bool> JoinAndMoveAsync()
        {
            TopicSubscriber subscriber = await _topic.JoinSharedAsync(_owner._lastEventId, _owner._overflowPolicy, _replay, _token).ConfigureAwait(false);
            _owner.Joined(subscriber);
            _subscriber = subscriber;
            _joined = true;

            // Disposed while it joined (the stream was torn down): leave at once rather than hold a place in the topic.
            if (_disposed && Interlocked.Exchange(ref _subscriber, null) is { } left)
            {
                _topic.Detach(left);
                return false;
            }

            return await MoveNextAsync().ConfigureAwait(false);
        }

        private async ValueTask<bool> WaitAsync(Task wait)
        {
            while (true)
            {
                await wait.WaitAsync(_token).ConfigureAwait(false);
                if (_disposed)
                {
                    return false;
                }

                if (TryTake(out Task? next))
                {
                    return true;
                }

                if (next is null)
                {
                    return false;
                }

                wait = next;
            }
        }

        private bool TryTake(out Task? wait)
        {
            TopicSubscriber? subscriber = _subscriber;
            if (subscriber is null)
            {
                wait = null;
                return false;
            }

            TopicEntry? entry;
            do
            {
                if (!subscriber.TryTake(out entry, out wait))
                {
                    return false;
                }
            }
            while (entry!.Position <= subscriber.SkipThrough);

            _topic.Metrics.TopicDeliveryLatency.Record(Stopwatch.GetElapsedTime(entry.PublishedAt).TotalSeconds, _topic.Tags);
            Current = entry.Frame;
            return true;
        }
    }
}
