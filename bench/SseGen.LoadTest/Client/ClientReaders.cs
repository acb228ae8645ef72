using System.Net.ServerSentEvents;
using System.Text.Json;

namespace SseGen.LoadTest.Client;

/// <summary>
/// The two clients of the client scenario, reading the same stream of ticks: the generated client of
/// <see cref="IClientFeeds"/>, and the loop an application writes by hand without it. Each returns what it read, so a
/// client that skipped or mangled an event fails the run instead of looking fast.
/// </summary>
internal static class ClientReaders
{
    public const string Generated = "Generated client";
    public const string HandWritten = "Hand-written loop";

    /// <summary>Not a client: one event's data deserialized on its own, what the item itself costs.</summary>
    public const string ItemAlone = "The item alone";

    public static readonly IReadOnlyList<string> All = [Generated, HandWritten];

    public static string Describe(string client) => client switch
    {
        Generated => "`[SseClient(typeof(IClientFeeds))]` over `SseClient` (default options: reconnect, idle watch, metrics)",
        HandWritten => "`HttpClient.GetAsync` (headers read) + `SseParser.Create(stream, parser)` + `JsonSerializer.Deserialize(data, LoadTestJsonContext.Default.Tick)`",
        _ => "`JsonSerializer.Deserialize` of one event's data, in a loop, no stream",
    };

    /// <summary>Reads the stream of <paramref name="count"/> ticks with the generated client.</summary>
    public static async Task<StreamRead> ReadGeneratedAsync(IClientFeeds feeds, int count, CancellationToken cancellationToken)
    {
        var read = new StreamRead();
        await foreach (Tick tick in feeds.Ticks(count, cancellationToken).WithCancellation(cancellationToken))
        {
            read.Add(tick);
        }

        return read;
    }

    /// <summary>Reads the same stream as an application does without SseGen: HttpClient, SseParser and System.Text.Json.</summary>
    public static async Task<StreamRead> ReadHandWrittenAsync(HttpClient http, int count, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await http.GetAsync($"/client/ticks?count={count}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var read = new StreamRead();
        SseParser<Tick> parser = SseParser.Create(body, static (eventType, data) =>
            eventType == "tick" ? JsonSerializer.Deserialize(data, LoadTestJsonContext.Default.Tick) : default);
        await foreach (SseItem<Tick> item in parser.EnumerateAsync(cancellationToken))
        {
            if (item.EventType == "tick")
            {
                read.Add(item.Data);
            }
        }

        return read;
    }

    /// <summary>One tick's JSON, as the server writes it (web defaults: camelCase).</summary>
    public static byte[] OneTicksData() => JsonSerializer.SerializeToUtf8Bytes(new Tick(123_456, 101.23, "MSFT"), LoadTestJsonContext.Default.Tick);
}

/// <summary>What a client read: how many ticks, and the sum of their sequence numbers (0 … count−1 when none was lost or doubled).</summary>
internal sealed class StreamRead
{
    public int Count { get; private set; }

    public long SequenceSum { get; private set; }

    public void Add(Tick tick)
    {
        Count++;
        SequenceSum += tick.Sequence;
    }

    /// <summary>Throws unless exactly the ticks 0 … <paramref name="count"/>−1 were read, each once.</summary>
    public void Check(string client, int count)
    {
        long expectedSum = (long)count * (count - 1) / 2;
        if (Count != count || SequenceSum != expectedSum)
        {
            throw new InvalidDataException($"{client}: expected {count} ticks summing to {expectedSum}, read {Count} summing to {SequenceSum}");
        }
    }
}
