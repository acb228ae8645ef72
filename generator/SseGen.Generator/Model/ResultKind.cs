namespace SseGen.Generator.Model
{
    /// <summary>How an endpoint method returns its items.</summary>
    internal enum ResultKind
    {
        /// <summary><c>IAsyncEnumerable&lt;T&gt;</c>.</summary>
        AsyncEnumerable,

        /// <summary><c>Task&lt;IAsyncEnumerable&lt;T&gt;&gt;</c> or <c>ValueTask&lt;IAsyncEnumerable&lt;T&gt;&gt;</c>: awaited before the stream starts.</summary>
        Awaitable,
    }
}
