using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using SseGen.TestLibrary.Live;

namespace SseGen.TestApp;

/// <summary>The server side of the shared <see cref="ILiveFeeds"/> contract, taken from DI by the generated endpoints.</summary>
public sealed class LiveFeeds : ILiveFeeds
{
    /// <summary>How many notes one connection sends before it ends, so a client must resume to read them all.</summary>
    public const int NotesPerConnection = 2;

    public async IAsyncEnumerable<string> Words(string prefix, int count, [EnumeratorCancellation] CancellationToken ct)
    {
        for (int i = 0; i < count; i++)
        {
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            yield return prefix + " " + i.ToString(CultureInfo.InvariantCulture) + (i == 0 ? "\nsecond line" : string.Empty);
        }
    }

    public async IAsyncEnumerable<LiveTick> Ticks(int start, int? count, [EnumeratorCancellation] CancellationToken ct)
    {
        for (int i = start; i < start + (count ?? 2); i++)
        {
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            yield return new LiveTick(i, "tick " + i.ToString(CultureInfo.InvariantCulture));
        }
    }

    public async IAsyncEnumerable<SseItem<string>> Notes(string? lastId, int total, [EnumeratorCancellation] CancellationToken ct)
    {
        int start = int.TryParse(lastId, NumberStyles.None, CultureInfo.InvariantCulture, out int last) ? last + 1 : 1;
        for (int i = start; i < start + NotesPerConnection && i <= total; i++)
        {
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            string id = i.ToString(CultureInfo.InvariantCulture);
            yield return new SseItem<string>("note " + id, "note") { EventId = id };
        }
    }

    public async IAsyncEnumerable<SseItem<LivePrice>> Prices(string symbol, LiveScale scale, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        ct.ThrowIfCancellationRequested();
        decimal factor = scale == LiveScale.Hundred ? 100m : 1m;
        yield return new SseItem<LivePrice>(new LivePrice(symbol, 1.5m * factor), "price") { EventId = "p1" };
        yield return new SseItem<LivePrice>(new LivePrice(symbol, 2.5m * factor), "close") { EventId = "p2" };
    }

    public async IAsyncEnumerable<LiveEvent> Room(string room, string? user, [EnumeratorCancellation] CancellationToken ct)
    {
        string who = user ?? "anonymous";
        await Task.Yield();
        ct.ThrowIfCancellationRequested();
        yield return new LiveJoined(room, who);
        yield return new LiveSaid(room, who, "hello\r\nworld");
        yield return new LiveLeft(room, who);
    }
}
