namespace SseGen;

/// <summary>
/// A topic name, or a value meant as one segment of it, breaks the rule of <see cref="SseTopicName"/>. Thrown before
/// the stream starts (by the endpoint method, or by an async iterator before its first item), a generated endpoint
/// answers it with 400 validation problem details instead of a 500.
/// </summary>
/// <remarks>Derived from <see cref="ArgumentException"/>, so code that catches that still catches this.</remarks>
public sealed class SseTopicNameException : ArgumentException
{
    internal SseTopicNameException(string value, string reason, string? paramName)
        : base($"'{value}' is not a topic name or segment: {reason}", paramName)
    {
        Reason = reason;
    }

    /// <summary>What is wrong with the value, without the value: safe to send to the client that sent it.</summary>
    public string Reason { get; }
}
