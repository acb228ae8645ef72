using System.Buffers;

namespace SseGen;

/// <summary>
/// The rule for topic names: one to 256 characters, segments of ASCII letters, digits, <c>.</c>, <c>_</c> and <c>-</c>
/// separated by single <c>/</c>, no segment <c>.</c> or <c>..</c>, no leading or trailing <c>/</c>.
/// </summary>
/// <remarks>
/// Build a name from a request value with <see cref="Join"/>, which takes each value as exactly one segment: a route value
/// such as <c>a/../b</c>, <c>x/y</c> or an empty string is rejected with <see cref="SseTopicNameException"/> rather than
/// reaching another tenant's topic; thrown before the stream starts, a generated endpoint answers it with 400. Put
/// <see cref="SseTopicSegmentAttribute"/> on the endpoint's parameter too, so the 400 names the parameter and the
/// API description shows the rule.
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
    /// <exception cref="SseTopicNameException"><paramref name="name"/> is not a valid topic name.</exception>
    public static void Validate(string? name, string paramName = "name")
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new SseTopicNameException(name ?? "", "a topic name is 1 to " + MaxLength + " characters; this one is empty.", paramName);
        }

        if (name.Length > MaxLength)
        {
            throw new SseTopicNameException(name, "a topic name is at most " + MaxLength + " characters.", paramName);
        }

        foreach (Range segment in name.AsSpan().Split('/'))
        {
            if (SegmentProblem(name.AsSpan()[segment]) is { } problem)
            {
                throw new SseTopicNameException(name, problem, paramName);
            }
        }
    }

    /// <summary>Joins <paramref name="segments"/> with <c>/</c>, each of which must be one valid segment.</summary>
    /// <param name="segments">The segments, for example a fixed prefix and a route value: <c>Join("chat", room)</c>.</param>
    /// <returns>The topic name.</returns>
    /// <exception cref="SseTopicNameException">A segment is empty, contains <c>/</c> or another character outside the rule, is <c>.</c> or <c>..</c>, or the name is too long.</exception>
    public static string Join(params ReadOnlySpan<string> segments)
    {
        if (segments.IsEmpty)
        {
            throw new SseTopicNameException("", "a topic name needs at least one segment.", nameof(segments));
        }

        foreach (string segment in segments)
        {
            if (SegmentProblem(segment) is { } problem)
            {
                throw new SseTopicNameException(segment ?? "", problem, nameof(segments));
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

    private static bool IsValidSegment(ReadOnlySpan<char> segment) => SegmentProblem(segment) is null;

    // Worded for the client that sent the value: says what is wrong, never repeats the value.
    private static string? SegmentProblem(ReadOnlySpan<char> segment)
    {
        if (segment.IsEmpty)
        {
            return "a topic name segment cannot be empty.";
        }

        if (segment.Contains('/'))
        {
            return "a topic name segment cannot contain '/'.";
        }

        if (segment.ContainsAnyExcept(SegmentChars))
        {
            return "a topic name segment may contain only A-Z, a-z, 0-9, '.', '_' and '-'.";
        }

        return segment is "." or ".." ? "a topic name segment cannot be '.' or '..'." : null;
    }
}
