using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.ServerSentEvents;
using System.Threading.Tasks.Sources;
using Microsoft.AspNetCore.Http;

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
    private HttpContext? _connection;

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

    /// <summary>
    /// This subscription as the events a shared contract's method declares, <c>IAsyncEnumerable&lt;T&gt;</c>, for a
    /// contract project that references SseGen.Abstractions alone. An SseGen endpoint writes it exactly as it writes the
    /// subscription (frames encoded once per publish); the generated client reads it as <typeparamref name="T"/>.
    /// </summary>
    /// <returns>The stream to return from the contract's implementation; enumerating it elsewhere throws <see cref="NotSupportedException"/>.</returns>
    public IAsyncEnumerable<T> AsEvents() => new EncodedEvents<T>(this);

    /// <summary>As <see cref="AsEvents"/>, for a contract method that declares <c>IAsyncEnumerable&lt;SseItem&lt;T&gt;&gt;</c> (ids and event types).</summary>
    /// <returns>The stream to return from the contract's implementation; enumerating it elsewhere throws <see cref="NotSupportedException"/>.</returns>
    public IAsyncEnumerable<SseItem<T>> AsItems() => new EncodedEvents<SseItem<T>>(this);

    // The client's request: its connection is aborted under SseOverflowPolicy.Disconnect; set by SseResponse.
    HttpContext? IAbortableItems.Connection { set => _connection = value; }

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
        subscriber.Connection = _connection;
        _subscriber = subscriber;
    }

    /// <summary>
    /// Written by hand rather than as an async iterator: a frame that is ready is taken without an await, and disposing
    /// while a move waits (a stream torn down mid-wait) leaves the topic and ends that move instead of throwing. A move
    /// that waits is the enumerator itself (a reusable value task source, reset once per waiting move), which the
    /// subscriber runs as a thread-pool work item when the wait ends: no task, box or registration per event.
    /// </summary>
    private sealed class Enumerator : IAsyncEnumerator<SseFrame>, IValueTaskSource<bool>, IThreadPoolWorkItem, IStoppable
    {
        private static readonly Action<object?> Wake = static subscriber => ((TopicSubscriber)subscriber!).Wake();

        // Until the enumerator has joined (a shared topic joins on its first move); then let go, so a waiting stream does
        // not hold the subscription (72 bytes).
        private SseSubscription<T>? _owner;
        private readonly SseTopic<T> _topic;
        // Dropped once replayed: the frames (the jittered retry: at least) are not held for the whole life of the stream.
        private List<SseFrame>? _replay;
        // Both end the subscription. Not linked: a linked source would cost a source and two registrations on top of the
        // wake's own; the wake registers on each token instead, on one only when they are the same, and on none that is
        // the connection's own (see WakeOnCancel).
        private readonly CancellationToken _subscriptionToken;
        private readonly CancellationToken _enumeratorToken;
        private TopicSubscriber? _subscriber;
        // Wake the subscriber's wait when a token is cancelled: registered once per subscription, not once per wait.
        private CancellationTokenRegistration _cancelled;
        private CancellationTokenRegistration _enumeratorCancelled;
        // The waiting move. Completed from the work item, never under the subscriber's lock, so continuations run inline.
        private ManualResetValueTaskSourceCore<bool> _move;
        private bool _joined;
        private int _replayed;
        private volatile bool _disposed;
        // Set by Stop (the host stopping the stream that writes the subscription): ends it as a cancelled token would.
        private volatile bool _stopped;

        // subscriber: null for a shared topic, which joins on the first move.
        public Enumerator(SseSubscription<T> owner, TopicSubscriber? subscriber, List<SseFrame> replay, CancellationToken subscriptionToken, CancellationToken enumeratorToken)
        {
            _topic = owner._topic;
            _subscriber = subscriber;
            _joined = subscriber is not null;
            _replay = replay;
            _subscriptionToken = subscriptionToken;
            _enumeratorToken = enumeratorToken == subscriptionToken ? default : enumeratorToken;
            if (subscriber is not null)
            {
                WakeOnCancel(owner, subscriber);
            }
            else
            {
                _owner = owner;
            }
        }

        public SseFrame Current { get; private set; } = null!;

        public ValueTask<bool> MoveNextAsync()
        {
            if (_disposed)
            {
                return new ValueTask<bool>(false);
            }

            ThrowIfCancelled();
            if (!_joined)
            {
                return JoinAndMoveAsync();
            }

            if (_replay is { } replay)
            {
                if (_replayed < replay.Count)
                {
                    Current = replay[_replayed++];
                    return new ValueTask<bool>(true);
                }

                _replay = null;
            }

            // Reset before the wait is armed: once armed, the work item may complete the move on another thread. So is
            // the frame handed out last, which is the caller's no longer (it asked for the next): an idle stream does not
            // keep it (for a fresh stream, its jittered retry: frame).
            Current = null!;
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

            }

            return default;
        }

        private async ValueTask<bool> JoinAndMoveAsync()
        {
            SseSubscription<T> owner = _owner!;
            TopicSubscriber subscriber;
            // Linked for the join only, which takes one token: a shared topic's first move, not every idle stream.
            using (CancellationTokenSource? joining = _subscriptionToken.CanBeCanceled && _enumeratorToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(_subscriptionToken, _enumeratorToken)
                : null)
            {
                CancellationToken token = joining?.Token ?? (_enumeratorToken.CanBeCanceled ? _enumeratorToken : _subscriptionToken);
                subscriber = await _topic.JoinSharedAsync(owner._lastEventId, owner._overflowPolicy, _replay!, token).ConfigureAwait(false);
            }

            owner.Joined(subscriber);
            _owner = null;
            // Registered before the subscriber is published: whoever takes it back (here or DisposeAsync) sees the registration.
            WakeOnCancel(owner, subscriber);
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

        private void WakeOnCancel(SseSubscription<T> owner, TopicSubscriber subscriber)
        {
            // A token that is the connection's own, for a stream SseResponse writes (it set Connection), needs no wake:
            // that stream's monitor stops this enumerator within a tick once the connection is aborted (IStoppable), which
            // saves every idle stream a callback node. The generated endpoints pass RequestAborted as both tokens.
            CancellationToken aborted = owner._connection?.RequestAborted ?? default;
            if (!IsTheConnections(_subscriptionToken, aborted))
            {
                _cancelled = _subscriptionToken.UnsafeRegister(Wake, subscriber);
            }

            if (!IsTheConnections(_enumeratorToken, aborted))
            {
                _enumeratorCancelled = _enumeratorToken.UnsafeRegister(Wake, subscriber);
            }
        }

        private static bool IsTheConnections(CancellationToken token, CancellationToken aborted) => aborted.CanBeCanceled && token == aborted;

        private bool IsCancelled => _stopped || _subscriptionToken.IsCancellationRequested || _enumeratorToken.IsCancellationRequested;

        private void ThrowIfCancelled()
        {
            _subscriptionToken.ThrowIfCancellationRequested();
            _enumeratorToken.ThrowIfCancellationRequested();
            if (_stopped)
            {
                throw new OperationCanceledException("The stream writing the subscription was stopped.");
            }
        }

        /// <summary>
        /// Ends the subscription as a cancelled token would: the waiting move, or the next one, throws
        /// <see cref="OperationCanceledException"/>. The stream writing it calls this when the host stops, and when its
        /// connection is aborted (the move then throws for the cancelled token).
        /// </summary>
        public void Stop()
        {
            _stopped = true;
            // A move that armed before the flag was set is woken here; one that arms after it sees the flag (WakeIfStopped).
            Volatile.Read(ref _subscriber)?.Wake();
        }

        private void Leave(TopicSubscriber subscriber)
        {
            _cancelled.Dispose();
            _enumeratorCancelled.Dispose();
            _topic.Detach(subscriber);
        }

        /// <summary>The armed wait ended (an event, the end, cancellation or dispose): completes the waiting move once.</summary>
        void IThreadPoolWorkItem.Execute()
        {
            bool more;
            try
            {
                TopicSubscriber? subscriber = _subscriber;
                ThrowIfCancelled();
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
            if (IsCancelled || _disposed)
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
                    if (subscriberEnded && subscriber.EndReason == SseTopicEndReason.Disconnected)
                    {
                        // The publisher aborts the connection after its lock, and this reader may see the end first:
                        // aborting here too (idempotent) keeps the stream from ending its body cleanly in between.
                        subscriber.Connection?.Abort();
                    }

                    ended = subscriberEnded;
                    return false;
                }
            }
            while (entry!.Position <= subscriber.SkipThrough);

            // Timed only while someone listens: reading the clock was 5 % of the server's time at 10,000 subscribers.
            Histogram<double> latency = _topic.Metrics.TopicDeliveryLatency;
            if (latency.Enabled)
            {
                latency.Record(Stopwatch.GetElapsedTime(entry.PublishedAt).TotalSeconds, _topic.Tags);
            }

            Current = entry.Frame;
            ended = false;
            return true;
        }
    }
}
