namespace SseGen;

/// <summary>Something the host's stopping ends as a cancelled token would, without a token source of its own.</summary>
internal interface IStoppable
{
    /// <summary>Ends it; its waiting move, or its next, throws <see cref="OperationCanceledException"/>. Safe to call more than once, from any thread.</summary>
    void Stop();
}
