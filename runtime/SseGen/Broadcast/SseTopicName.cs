using System.Buffers;

namespace SseGen;

/// <summary>
/// The rule for topic names: one to 256 characters, segments of ASCII letters, digits, <c>.</c>, <c>_</c> and <c>-</c>
/// separated by single <c>/</c>, no segment <c>.</c> or <c>..</c>, no leading or trailing <c>/</c>.
/// </summary>
/// <remarks>
/// Build a name from a request value with <see cref="Join"/>, which takes each value as exactly one segment: a route value
/// such as <c>a/../b</c>, <c>x/y</c> or an empty string is rejected rather than reaching another tenant's topic. Put
/// <see cref="SseTopicSegmentAttribute"/> on the endpoint's parameter too, so such a value is answered with 400 before
/// the stream starts rather than by <see cref="Join"/>'s exception.
/// </remarks>
public static class SseTopicName
{
    /// <summary>The longest valid name.</summary>
    public const int MaxLength = 256;

    private static readonly SearchValues<char> SegmentChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    /// <summary>Whether <paramref name="name"/> follows the rule.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when it is a valid topic name.</returns>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength)
        {
            return false;
        }

        foreach (Range segment in name.AsSpan().Split('/'))
        {
            if (!IsValidSegment(name.AsSpan()[segment]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws unless <paramref name="name"/> follows the rule.</summary>
    /// <param name="name">The name.</param>
    /// <param name="paramName">The parameter name for the exception.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid topic name.</exception>
    public static void Validate(string? name, string paramName = "name")
    {
        if (!IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a topic name: use 1 to {MaxLength} characters, segments of A-Z, a-z, 0-9, '.', '_' and '-' separated by single '/', and no segment '.' or '..'.", paramName);
        }
    }

    /// <summary>Joins <paramref name="segments"/> with <c>/</c>, each of which must be one valid segment.</summary>
    /// <param name="segments">The segments, for example a fixed prefix and a route value: <c>Join("chat", room)</c>.</param>
    /// <returns>The topic name.</returns>
    /// <exception cref="ArgumentException">A segment is empty, contains <c>/</c> or another character outside the rule, is <c>.</c> or <c>..</c>, or the name is too long.</exception>
    public static string Join(params ReadOnlySpan<string> segments)
    {
        if (segments.IsEmpty)
        {
            throw new ArgumentException("A topic name needs at least one segment.", nameof(segments));
        }

        foreach (string segment in segments)
        {
            if (segment is null || !IsValidSegment(segment))
            {
                throw new ArgumentException($"'{segment}' is not a topic name segment: use A-Z, a-z, 0-9, '.', '_' and '-', not '.' or '..'.", nameof(segments));
            }
        }

        string name = string.Join('/', segments);
        Validate(name, nameof(segments));
        return name;
    }

    /// <summary>Whether <paramref name="segment"/> can be one segment of a name: what <see cref="Join"/> takes from a request value.</summary>
    /// <param name="segment">The value.</param>
    /// <returns><see langword="true"/> when it is a valid segment (which is also a valid name, if not too long).</returns>
    public static bool IsValidSegment(string? segment) => segment is not null && IsValidSegment(segment.AsSpan());

    private static bool IsValidSegment(ReadOnlySpan<char> segment) =>
        !segment.IsEmpty && !segment.ContainsAnyExcept(SegmentChars) && segment is not "." and not "..";
}
