namespace SseGen;

/// <summary>
/// Binds a <see cref="string"/> parameter of an <see cref="SseEndpointAttribute"/> method to the
/// <c>Last-Event-ID</c> request header that a reconnecting client sends; <see langword="null"/> when absent.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class LastEventIdAttribute : Attribute
{
}
