using System.Text;

namespace SseGen.Tests;

/// <summary>Data crafted to break out of an event: line breaks, field look-alikes, odd Unicode, huge lines.</summary>
internal static class HostileData
{
    public static readonly string[] Values =
    [
        "\r", "\n", "\r\n", "\r\r", "\n\n\n", "\r\n\r\n",
        "\n\ndata: x", "\r\nevent: x", "\nid: 9", "\nretry: 1", "id: 1\r\ndata: y\r\n\r\n", "event:x\n", ": comment\n", "\nid\n",
        "data:", "retry: 1000", ":", "", " leading space", "trailing space ",
        "\0", "nul\0inside", "\uFEFFbom at start", "bom\uFEFFin the middle", "\u2028", "\u2029", "\u0085", "\f", "\v", "\t", "\u001b[31mred",
        "\uD800", "a\uDC00b", "😀\r😀",
        new string('x', 1_000_000),
        new string('y', 500_000) + "\n" + new string('z', 500_000),
    ];

    /// <summary>What a spec-conforming client reads back: CRLF and CR become LF, invalid UTF-16 becomes U+FFFD.</summary>
    public static string AsReceived(string value) =>
        SseOracle.NormalizeLineBreaks(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value)));
}
