using System.Text;
using System.Text.Unicode;

namespace SseGen;

/// <summary>
/// A topic event encoded once before its id is known: the frame's bytes around the value of its one <c>id:</c> field.
/// A shared log (Redis) gives the id when it appends the event, and every server fills it in between the same bytes.
/// </summary>
internal sealed class TopicFrameTemplate
{
    /// <summary>
    /// The id the writer is given while the real one is not known yet. Found again only as a whole <c>id:</c> line:
    /// data lines start with <c>data: </c>, comments with <c>:</c>, and event types cannot hold a line break, so no value
    /// can forge one.
    /// </summary>
    public const string PendingId = "ssegen-pending-id";

    private static ReadOnlySpan<byte> PendingIdLine => "id: ssegen-pending-id\n"u8;

    private TopicFrameTemplate(byte[] head, byte[] tail)
    {
        Head = head;
        Tail = tail;
    }

    /// <summary>The frame up to and including <c>id: </c>.</summary>
    public byte[] Head { get; }

    /// <summary>The frame from the line feed that ends the <c>id:</c> line.</summary>
    public byte[] Tail { get; }

    /// <summary>Splits a frame written with <see cref="PendingId"/> as its id.</summary>
    /// <exception cref="ArgumentException">The frame does not have exactly one <c>id:</c> line with <see cref="PendingId"/>: the writer did not write the id it was given.</exception>
    public static TopicFrameTemplate Split(ReadOnlySpan<byte> frame)
    {
        int found = -1;
        for (int start = 0; start < frame.Length;)
        {
            int end = frame[start..].IndexOf((byte)'\n');
            int length = end < 0 ? frame.Length - start : end + 1;
            if (frame.Slice(start, length).SequenceEqual(PendingIdLine))
            {
                if (found >= 0)
                {
                    found = -2;
                    break;
                }

                found = start;
            }

            start += length;
        }

        if (found < 0)
        {
            throw new ArgumentException("A topic's writer must write the id it is given as the event's id field, once: the shared log fills it in.", "value");
        }

        int headLength = found + "id: ".Length;
        return new TopicFrameTemplate(frame[..headLength].ToArray(), frame[(headLength + PendingId.Length)..].ToArray());
    }

    /// <summary>The frame with <paramref name="id"/> filled in: a copy of bytes, no serialization.</summary>
    public SseFrame Fill(string id)
    {
        int idLength = Encoding.UTF8.GetByteCount(id);
        var utf8 = new byte[Head.Length + idLength + Tail.Length];
        Head.CopyTo(utf8, 0);
        Encoding.UTF8.GetBytes(id, utf8.AsSpan(Head.Length));
        Tail.CopyTo(utf8, Head.Length + idLength);
        return SseFrame.FromEncoded(utf8, id);
    }

    /// <summary>
    /// Whether <paramref name="utf8"/> is what <see cref="SseFrameWriter"/> writes: valid UTF-8, LF line ends only, every
    /// line a field it writes or a comment, ending with a blank line. Bytes from a shared log are checked once per server,
    /// so a corrupt or foreign entry cannot open a field or leave half an event in every subscriber's stream.
    /// </summary>
    public static bool IsWholeFrames(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length < 2 || utf8[^1] != '\n' || utf8[^2] != '\n' || utf8.Contains((byte)'\r') || !Utf8.IsValid(utf8))
        {
            return false;
        }

        for (ReadOnlySpan<byte> rest = utf8; !rest.IsEmpty;)
        {
            int end = rest.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = rest[..end];
            rest = rest[(end + 1)..];
            if (!line.IsEmpty && !line.StartsWith("data: "u8) && !line.StartsWith("event: "u8) && !line.StartsWith("id: "u8)
                && !line.StartsWith("retry: "u8) && line[0] != (byte)':')
            {
                return false;
            }
        }

        return true;
    }
}
