namespace SseGen;

/// <summary>
/// The stream's write gate: held while frames are written and flushed, by the stream's loop or by a heartbeat. A
/// non-readonly field of the stream's state, called in place (it is a struct): 16 bytes of the state (an int and a
/// reference, padded) instead of a <see cref="SemaphoreSlim"/> and its lock object (88 bytes a stream).
/// </summary>
/// <remarks>
/// It relies on how a stream uses it: heartbeats only ever try to take it (<see cref="TryEnter"/>) and never wait, so at
/// most one caller waits at a time, the stream's loop, whose steps run one after another. A waiter costs a
/// <see cref="TaskCompletionSource"/> only when the gate is held, which for a stream is a heartbeat's short flush.
/// </remarks>
internal struct StreamGate
{
    private const int Free = 0;
    private const int Held = 1;
    private const int HeldAndAwaited = 2;

    private int _state;
    private TaskCompletionSource? _waiter;

    /// <summary>Takes the gate if it is free; never waits.</summary>
    public bool TryEnter() => Interlocked.CompareExchange(ref _state, Held, Free) == Free;

    /// <summary>
    /// Takes the gate, waiting for its holder to release it; one caller at a time. A token cancelled before the call
    /// fails it; the wait itself is not cancellable: a holder always releases (within its flush's send timeout), and a
    /// caller woken after its token was cancelled finds that out in its own flush.
    /// </summary>
    public ValueTask EnterAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        while (!TryEnter())
        {
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _waiter, waiter);
            if (Interlocked.CompareExchange(ref _state, HeldAndAwaited, Held) == Held)
            {
                return new ValueTask(waiter.Task);
            }

            // Released meanwhile: try again to take it.
            Volatile.Write(ref _waiter, null);
        }

        return default;
    }

    /// <summary>Releases the gate: to the waiter when there is one, which then holds it without another caller slipping in between.</summary>
    public void Exit()
    {
        int previous = Interlocked.CompareExchange(ref _state, Free, Held);
        if (previous == Held)
        {
            return;
        }

        if (previous != HeldAndAwaited)
        {
            throw new InvalidOperationException("The stream's gate was released without being held.");
        }

        // Handed over: the state stays held, now by the waiter. The waiter was stored before the state said so.
        TaskCompletionSource waiter = Interlocked.Exchange(ref _waiter, null)!;
        Volatile.Write(ref _state, Held);
        waiter.SetResult();
    }
}
