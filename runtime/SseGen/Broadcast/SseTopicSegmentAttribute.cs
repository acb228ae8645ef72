using System.ComponentModel.DataAnnotations;

namespace SseGen;

/// <summary>
/// Validates a request value that becomes one segment of a topic name (<see cref="SseTopicName.Join"/>). On a parameter
/// of an <see cref="SseEndpointAttribute"/> method, a value such as <c>..%2Fother</c>, <c>a/b</c>, a control character or
/// one longer than <see cref="MaxLength"/> is answered with 400 problem details before the stream starts, as any other
/// validation attribute is, instead of reaching <see cref="SseTopicName.Join"/>, whose exception would be a 500.
/// </summary>
/// <remarks>A missing value passes, as with the other DataAnnotations: add <see cref="RequiredAttribute"/> for that.</remarks>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
public sealed class SseTopicSegmentAttribute : ValidationAttribute
{
    /// <summary>Creates the attribute, with its default message.</summary>
    public SseTopicSegmentAttribute()
        : base("The {0} must be one topic name segment: at most {1} characters of A-Z, a-z, 0-9, '.', '_' and '-', and not '.' or '..'.")
    {
    }

    /// <summary>
    /// The longest value accepted. Default: 64, so a name joined from a prefix and a few such values stays within
    /// <see cref="SseTopicName.MaxLength"/> and <see cref="SseTopicName.Join"/> cannot fail on length.
    /// </summary>
    public int MaxLength { get; set; } = 64;

    /// <inheritdoc />
    public override bool IsValid(object? value) =>
        value is null || (value is string segment && segment.Length <= MaxLength && SseTopicName.IsValidSegment(segment));

    /// <inheritdoc />
    public override string FormatErrorMessage(string name) =>
        string.Format(System.Globalization.CultureInfo.CurrentCulture, ErrorMessageString, name, MaxLength);
}
