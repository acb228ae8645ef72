using System.Diagnostics;
using System.Threading.Tasks.Sources;

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
    /// while a move waits (a stream torn down mid-wait) leaves the topic and ends that move instead of throwing. A move
    /// that waits is the enumerator itself (a reusable value task source, reset once per waiting move), which the
    /// subscriber runs as a thread-pool work item when the wait ends: no task, box or registration per event.
    /// </summary>
    private sealed class Enumerator : IAsyncEnumerator<SseFrame>, IValueTaskSource<bool>, IThreadPoolWorkItem
    {
        private readonly SseSubscription<T> _owner;
        private readonly SseTopic<T> _topic;
        private readonly List<SseFrame> _replay;
        private readonly CancellationTokenSource? _linked;
        private readonly CancellationToken _token;
        private TopicSubscriber? _subscriber;
        // Wakes the subscriber's wait when the token is cancelled: one registration per subscription, not one per wait.
        private CancellationTokenRegistration _cancelled;
        // The waiting move. Completed from the work item, never under the subscriber's lock, so continuations run inline.
        private ManualResetValueTaskSourceCore<bool> _move;
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
            if (subscriber is not null)
            {
                _cancelled = WakeOnCancel(subscriber);
            }
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

            // Reset before the wait is armed: once armed, the work item may complete the move on another thread.
            _move.Reset();
            TopicSubscriber? subscriber = _subscriber;
            if (TryTake(subscriber, out bool ended))
            {
                return new ValueTask<bool>(true);
            }

            if (ended)
            {
                return new ValueTask<bool>(false);
            }

            WakeIfStopped(subscriber!);
            return new ValueTask<bool>(this, _move.Version);
        }

        public ValueTask DisposeAsync()
        {
            if (!_disposed)
            {
                _disposed = true;
                if (Interlocked.Exchange(ref _subscriber, null) is { } subscriber)
                {
                    Leave(subscriber);
                }

                _linked?.Dispose();
            }

            return default;
        }

        private async ValueTask<bool> JoinAndMoveAsync()
        {
            TopicSubscriber subscriber = await _topic.JoinSharedAsync(_owner._lastEventId, _owner._overflowPolicy, _replay, _token).ConfigureAwait(false);
            _owner.Joined(subscriber);
            // Registered before the subscriber is published: whoever takes it back (here or DisposeAsync) sees the registration.
            _cancelled = WakeOnCancel(subscriber);
            Volatile.Write(ref _subscriber, subscriber);
            _joined = true;

            // Disposed while it joined (the stream was torn down): leave at once rather than hold a place in the topic.
            if (_disposed && Interlocked.Exchange(ref _subscriber, null) is { } left)
            {
                Leave(left);
                return false;
            }

            return await MoveNextAsync().ConfigureAwait(false);
        }

        private CancellationTokenRegistration WakeOnCancel(TopicSubscriber subscriber) =>
            _token.UnsafeRegister(static state => ((TopicSubscriber)state!).Wake(), subscriber);

        private void Leave(TopicSubscriber subscriber)
        {
            _cancelled.Dispose();
            _topic.Detach(subscriber);
        }

        /// <summary>The armed wait ended (an event, the end, cancellation or dispose): completes the waiting move once.</summary>
        void IThreadPoolWorkItem.Execute()
        {
            bool more;
            try
            {
                TopicSubscriber? subscriber = _subscriber;
                _token.ThrowIfCancellationRequested();
                if (_disposed)
                {
                    more = false;
                }
                else if (TryTake(subscriber, out bool ended) || ended)
                {
                    more = !ended;
                }
                else
                {
                    // Woken with nothing to deliver (the events were ones to skip): armed again, the move still waits.
                    WakeIfStopped(subscriber!);
                    return;
                }
            }
            catch (Exception exception)
            {
                _move.SetException(exception);
                return;
            }

            // Outside the try: the awaiting continuation runs inline here, and its failures are its own.
            _move.SetResult(more);
        }

        /// <summary>
        /// After arming a wait: a cancellation or dispose that came before it woke no one, so wake it now (a no-op when
        /// it was already woken); one that comes after wakes it itself. The subscriber armed, not the field, which a
        /// dispose clears.
        /// </summary>
        private void WakeIfStopped(TopicSubscriber subscriber)
        {
            if (_token.IsCancellationRequested || _disposed)
            {
                subscriber.Wake();
            }
        }

        bool IValueTaskSource<bool>.GetResult(short token) => _move.GetResult(token);

        ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _move.GetStatus(token);

        void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _move.OnCompleted(continuation, state, token, flags);

        // Takes the next live event; when there is none, arms this enumerator as the subscriber's waiter.
        private bool TryTake(TopicSubscriber? subscriber, out bool ended)
        {
            if (subscriber is null)
            {
                ended = true;
                return false;
            }

            TopicEntry? entry;
            do
            {
                if (!subscriber.TryTake(out entry, this, out bool subscriberEnded))
                {
                    ended = subscriberEnded;
                    return false;
                }
            }
            while (entry!.Position <= subscriber.SkipThrough);

            _topic.Metrics.TopicDeliveryLatency.Record(Stopwatch.GetElapsedTime(entry.PublishedAt).TotalSeconds, _topic.Tags);
            Current = entry.Frame;
            ended = false;
            return true;
        }
    }
}
