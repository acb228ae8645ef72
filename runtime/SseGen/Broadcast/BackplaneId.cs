using System.Globalization;

namespace SseGen;

/// <summary>The ids a backplane's log gives events, <c>{milliseconds}-{sequence}</c> as Redis stream ids, in their order.</summary>
internal static class BackplaneId
{
    /// <summary>The id's place in the log's order: milliseconds in the high half, sequence in the low.</summary>
    public static bool TryParse(string? id, out UInt128 position)
    {
        position = default;
        if (id is null)
        {
            return false;
        }

        int dash = id.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !ulong.TryParse(id.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out ulong milliseconds)
            || !ulong.TryParse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out ulong sequence))
        {
            return false;
        }

        position = new UInt128(milliseconds, sequence);
        return true;
    }
}
