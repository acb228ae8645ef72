using System.Net.ServerSentEvents;

namespace SseGen.Tests;

/// <summary>Reads bytes back with the framework's <see cref="SseParser"/>: the reference, never our own parser.</summary>
internal static class SseOracle
{
    public static List<SseItem<string>> Parse(ReadOnlySpan<byte> bytes)
    {
        using var stream = new MemoryStream(bytes.ToArray());
        return [.. SseParser.Create(stream).Enumerate()];
    }

    /// <summary>What a client sees as data: every CRLF and lone CR becomes LF, nothing else changes.</summary>
    public static string NormalizeLineBreaks(string data) => data.Replace("\r\n", "\n").Replace('\r', '\n');
}
