using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace SseGen.TestApp;

/// <summary>A chunk of a stream that ends with a sentinel, as OpenAI's chunks end with <c>data: [DONE]</c>.</summary>
public sealed record SentinelChunk(int Index, string Text);

/// <summary>Streams that end with the declared <c>data: [DONE]</c>, for the server side and the generated client alike.</summary>
public interface ISentinelFeeds
{
    /// <summary><paramref name="count"/> chunks, then <c>[DONE]</c>; with <paramref name="fail"/>, the items throw after the chunks instead of ending.</summary>
    [SseEndpoint("/sentinel/chunks", EndSentinel = "[DONE]", HeartbeatSeconds = 0)]
    IAsyncEnumerable<SentinelChunk> Chunks(int count, bool fail, CancellationToken ct);

    /// <summary>Chunks with ids, so a stream that ended without its sentinel would be resumed; then <c>[DONE]</c>.</summary>
    [SseEndpoint("/sentinel/notes", EndSentinel = "[DONE]", RetryMilliseconds = 10, HeartbeatSeconds = 0)]
    IAsyncEnumerable<SseItem<SentinelChunk>> Notes([LastEventId] string? lastId, int count, CancellationToken ct);
}

/// <summary>The server side of <see cref="ISentinelFeeds"/>; counts the connections of <see cref="Notes"/>.</summary>
public sealed class SentinelFeeds : ISentinelFeeds
{
    private int _notesConnections;

    /// <summary>How many times <see cref="Notes"/> was requested.</summary>
    public int NotesConnections => Volatile.Read(ref _notesConnections);

    public async IAsyncEnumerable<SentinelChunk> Chunks(int count, bool fail, [EnumeratorCancellation] CancellationToken ct)
    {
        for (int i = 0; i < count; i++)
        {
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            yield return new SentinelChunk(i, "chunk " + i.ToString(CultureInfo.InvariantCulture));
        }

        if (fail)
        {
            throw new InvalidOperationException("The upstream of the chunks failed.");
        }
    }

    public async IAsyncEnumerable<SseItem<SentinelChunk>> Notes(string? lastId, int count, [EnumeratorCancellation] CancellationToken ct)
    {
        Interlocked.Increment(ref _notesConnections);
        int start = int.TryParse(lastId, NumberStyles.None, CultureInfo.InvariantCulture, out int last) ? last + 1 : 1;
        for (int i = start; i <= count; i++)
        {
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            string id = i.ToString(CultureInfo.InvariantCulture);
            yield return new SseItem<SentinelChunk>(new SentinelChunk(i, "note " + id), "note") { EventId = id };
        }
    }
}

/// <summary>The JSON contract of the sentinel streams, for the server's options and the generated client.</summary>
[JsonSerializable(typeof(SentinelChunk))]
public sealed partial class SentinelJsonContext : JsonSerializerContext
{
}
