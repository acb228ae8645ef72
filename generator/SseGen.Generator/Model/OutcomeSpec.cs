namespace SseGen.Generator.Model
{
    /// <summary>
    /// A method that can say no before the stream starts: it returns <c>Results&lt;SseStream&lt;T&gt;, NotFound, …&gt;</c>, and
    /// every case but the stream answers with its own status and body, as a minimal API handler's result would.
    /// </summary>
    /// <param name="ResultsType">The <c>Results&lt;…&gt;</c> type, fully qualified with <c>global::</c>.</param>
    /// <param name="StreamType">Its <c>SseStream&lt;T&gt;</c> case, fully qualified with <c>global::</c>.</param>
    /// <param name="Rejections">Its other cases that describe their own responses (<c>IEndpointMetadataProvider</c>), fully qualified, in declaration order.</param>
    internal sealed record OutcomeSpec(string ResultsType, string StreamType, EquatableArray<string> Rejections);
}
