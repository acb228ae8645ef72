using System.Net.Sockets;

namespace SseGen.FanOut.Client;

/// <summary>
/// The driver's N subscribers of one peer: opened in parallel, each reading on its own until the group is disposed,
/// which aborts them all. The first subscriber that fails fails <see cref="Failed"/>, so a phase never waits for it.
/// </summary>
internal sealed class SubscriberGroup : IAsyncDisposable
{
    private const int ConnectParallelism = 64;

    private readonly ISubscriber[] _subscribers;
    private readonly Task[] _readers;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HttpMessageInvoker? _invoker;
    private DeliveryPhase? _current;

    private SubscriberGroup(int count, HttpMessageInvoker? invoker)
    {
        _subscribers = new ISubscriber[count];
        _readers = new Task[count];
        _invoker = invoker;
    }

    /// <summary>The phase deliveries are recorded in; set by the driver before each publish.</summary>
    public DeliveryPhase? Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }

    /// <summary>Faults with the first subscriber's error.</summary>
    public Task Failed => _failed.Task;

    public IReadOnlyList<ISubscriber> Subscribers => _subscribers;

    /// <summary>Opens <paramref name="count"/> subscribers of <paramref name="peer"/>; the first event each may receive is <paramref name="nextSequence"/>.</summary>
    public static async Task<SubscriberGroup> OpenAsync(string peer, string path, int count, int port, long nextSequence, LoopbackSource source, int receiveBufferBytes, CancellationToken cancellationToken)
    {
        HttpMessageInvoker? invoker = peer == Peers.SignalR ? HubInvoker(source) : null;
        var group = new SubscriberGroup(count, invoker);
        try
        {
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism, CancellationToken = cancellationToken }, async (i, token) =>
            {
                var receiver = new EventReceiver(i, group, nextSequence);
                ISubscriber subscriber = invoker is null
                    ? new SseSubscriber(receiver, source, receiveBufferBytes)
                    : new HubSubscriber(receiver, invoker, receiveBufferBytes);
                group._subscribers[i] = subscriber;
                await subscriber.ConnectAsync(port, path, token);
                group._readers[i] = group.ReadAsync(subscriber);
            });
            return group;
        }
        catch
        {
            await group.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (ISubscriber? subscriber in _subscribers)
        {
            subscriber?.Abort();
        }

        foreach (Task? reader in _readers)
        {
            if (reader is not null)
            {
                await reader;
            }
        }

        _invoker?.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync(ISubscriber subscriber)
    {
        try
        {
            await subscriber.ReadAsync(_stop.Token);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // The driver aborted the connection: the way every subscriber ends.
        }
        catch (Exception exception)
        {
            _failed.TrySetException(exception);
        }
    }

    /// <summary>One handler for every hub subscriber, its sockets spread over the source addresses like the SSE ones.</summary>
    private static HttpMessageInvoker HubInvoker(LoopbackSource source) =>
        new(new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (context, token) =>
            {
                Socket socket = await source.ConnectAsync(context.DnsEndPoint, token);
                return new NetworkStream(socket, ownsSocket: true);
            },
        });
}
