namespace SseGen.LoadTest;

/// <summary>
/// The contract of the client scenario, compiled by both halves of the tool: the server maps the implementation it takes
/// from DI, and the generator implements it as the typed client whose reading is measured.
/// </summary>
internal interface IClientFeeds
{
    /// <summary>A stream of <paramref name="count"/> ticks, all ready at once, as the SseGen peer's.</summary>
    [SseEndpoint("/client/ticks", EventType = "tick")]
    IAsyncEnumerable<Tick> Ticks(int count, CancellationToken cancellationToken);
}
