using System.Runtime.CompilerServices;

namespace SseGen.TestLibrary;

/// <summary>An endpoint declared in a class library: the test app's <c>MapSseEndpoints</c> maps it with its own.</summary>
public static class LibraryFeeds
{
    [SseEndpoint("/library/hello", EventType = "hello")]
    public static async IAsyncEnumerable<string> Hello([EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        ct.ThrowIfCancellationRequested();
        yield return "hello from a library";
    }
}
