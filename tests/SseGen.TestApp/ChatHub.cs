using System.Runtime.CompilerServices;

namespace SseGen.TestApp;

/// <summary>Where chat events come from; a service, bound from DI into the endpoint.</summary>
public interface IChatHub
{
    IAsyncEnumerable<ChatEvent> Listen(string room, string? lastEventId, CancellationToken cancellationToken);
}

/// <summary>A chat of two events, then the end of the stream.</summary>
internal sealed class ScriptedChatHub : IChatHub
{
    public async IAsyncEnumerable<ChatEvent> Listen(string room, string? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        yield return new Joined(room, lastEventId ?? "ann");
        yield return new Said(room, "ann", "hello\nworld");
    }
}
