using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.RateLimiting;

namespace SseGen.TestApp;

/// <summary>Endpoints whose own attributes choose their rate limit, CORS policy and OpenAPI description.</summary>
public static class Policies
{
    [SseEndpoint("/policies/once")]
    [EnableRateLimiting(TestAppHost.OncePolicy)]
    public static IAsyncEnumerable<string> Once() => Streams.Once("once");

    [SseEndpoint("/policies/partners")]
    [EnableCors(TestAppHost.PartnersPolicy)]
    public static IAsyncEnumerable<string> Partners() => Streams.Once("partners");

    [SseEndpoint("/policies/documented")]
    [Tags("documented")]
    [EndpointSummary("A documented stream")]
    [EndpointDescription("One event, described by the method's own attributes.")]
    public static IAsyncEnumerable<string> Documented() => Streams.Once("documented");

    /// <summary>Left open by its attributes; <see cref="TestAppHost"/> requires the admins policy for it alone, by convention.</summary>
    [SseEndpoint("/policies/configured")]
    public static IAsyncEnumerable<string> Configured() => Streams.Once("configured");
}

internal static class Streams
{
    public static async IAsyncEnumerable<string> Once(string text)
    {
        await Task.Yield();
        yield return text;
    }
}
