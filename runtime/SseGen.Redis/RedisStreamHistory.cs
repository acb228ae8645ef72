using System.Globalization;
using StackExchange.Redis;

namespace SseGen.Redis;

/// <summary>What a Redis stream still holds, for a client's <c>Last-Event-ID</c>: shared by the replay store and the topics.</summary>
internal static class RedisStreamHistory
{
    /// <summary>The id of the stream's latest entry; <c>0-0</c> when it has none (or no key: reading creates none).</summary>
    public static async Task<string> LatestIdAsync(IDatabase redis, RedisKey key)
    {
        StreamEntry[] last = await redis.StreamRangeAsync(key, "-", "+", 1, Order.Descending).ConfigureAwait(false);
        return last.Length == 0 ? "0-0" : last[0].Id.ToString();
    }

    /// <summary>Whether <paramref name="id"/> is a stream id no later than the latest and no entry after it was trimmed.</summary>
    public static async Task<bool> HoldsEverythingAfterAsync(IDatabase redis, RedisKey key, string id, string latest)
    {
        if (!TryParseId(id, out (ulong Ms, ulong Seq) requested) || !TryParseId(latest, out (ulong Ms, ulong Seq) newest) || requested.CompareTo(newest) > 0)
        {
            return false;
        }

        if (!await redis.KeyExistsAsync(key).ConfigureAwait(false))
        {
            return true;
        }

        // XINFO STREAM (Redis 7): if entries were ever removed, the client's id must be at or past the first entry still
        // held (trimming keeps no record of the last id it removed, so an id just before the first one counts as lost:
        // a false "lost" is safe, a silent gap is not) and past any id deleted outright.
        var info = (RedisResult[])(await redis.ExecuteAsync("XINFO", "STREAM", key).ConfigureAwait(false))!;
        var fields = new Dictionary<string, RedisResult>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < info.Length; i += 2)
        {
            fields[info[i].ToString()] = info[i + 1];
        }

        // One reply, one moment: separate reads would race with concurrent appends.
        if (!fields.TryGetValue("entries-added", out RedisResult? added) || !fields.TryGetValue("max-deleted-entry-id", out RedisResult? maxDeleted)
            || !fields.TryGetValue("recorded-first-entry-id", out RedisResult? firstHeld) || !fields.TryGetValue("length", out RedisResult? length))
        {
            throw new NotSupportedException("The Redis server does not report entries-added (XINFO STREAM); SseGen.Redis needs Redis 7 or newer.");
        }

        if (!TryParseId(maxDeleted.ToString(), out (ulong Ms, ulong Seq) deleted) || requested.CompareTo(deleted) < 0)
        {
            return false;
        }

        // The client's id must be at or past the first entry held. Only 0-0 (a client that joined an empty stream) may be
        // before it, and only if nothing was ever trimmed: an id before the first entry of an untrimmed stream is from a
        // stream of this name that expired, whose later events are gone.
        return (TryParseId(firstHeld.ToString(), out (ulong Ms, ulong Seq) oldest) && requested.CompareTo(oldest) >= 0)
            || (requested == (0UL, 0UL) && (long)added == (long)length);
    }

    public static bool TryParseId(string id, out (ulong Ms, ulong Seq) parsed)
    {
        parsed = default;
        int dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
            && ulong.TryParse(id.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out parsed.Ms)
            && ulong.TryParse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out parsed.Seq);
    }
}
