using System.Collections.Concurrent;
using System.Diagnostics;

namespace SseGen;

/// <summary>
/// The one timer behind every open stream's heartbeat and send timeout: a tick scans the registered streams,
/// so an idle stream costs a dictionary entry, not a task or a timer of its own.
/// </summary>
internal sealed class SseStreamMonitor
{
    /// <summary>How often streams are checked: the heartbeat's and send timeout's resolution.</summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<SseStreamState, byte> _streams = new();

    // The hosts' stopping tokens with a registration of the monitor's on them: one per host, not one per stream.
    private readonly ConcurrentDictionary<CancellationToken, byte> _stoppingWatched = new();
    private int _started;

    public static SseStreamMonitor Shared { get; } = new();

    public void Register(SseStreamState stream)
    {
        _streams.TryAdd(stream, 0);
        CancellationToken stopping = stream.Stopping;
        if (stopping.CanBeCanceled)
        {
            if (_stoppingWatched.TryAdd(stopping, 0))
            {
                stopping.UnsafeRegister(static (monitor, token) => ((SseStreamMonitor)monitor!).OnHostStopping(token), this);
            }

            // Added to the streams before this read: the stopping either saw the stream or is seen here (or both; stopping
            // twice does nothing more).
            if (stopping.IsCancellationRequested)
            {
                stream.OnHostStopping();
            }
        }

        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            // One long-lived loop for the process; it does nothing but scan.
            _ = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default).Unwrap();
        }
    }

    public void Unregister(SseStreamState stream) => _streams.TryRemove(stream, out _);

    /// <summary>A host is stopping: every stream it serves gets its shutdown timeout and has its items ended.</summary>
    private void OnHostStopping(CancellationToken stopping)
    {
        _stoppingWatched.TryRemove(stopping, out _);
        foreach (KeyValuePair<SseStreamState, byte> stream in _streams)
        {
            if (stream.Key.Stopping == stopping)
            {
                stream.Key.OnHostStopping();
            }
        }
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Resolution);
        while (await timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            Tick(Stopwatch.GetTimestamp());
        }
    }

    /// <summary>Checks every registered stream once.</summary>
    internal void Tick(long now)
    {
        // The dictionary itself, not .Keys: that copies every key into a new list on each tick (152 KB at 19,000 streams).
        foreach (KeyValuePair<SseStreamState, byte> stream in _streams)
        {
            stream.Key.OnTick(now);
        }
    }
}
