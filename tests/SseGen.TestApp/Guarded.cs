using Microsoft.AspNetCore.Authorization;

namespace SseGen.TestApp;

/// <summary>Endpoints protected by their class's <c>[Authorize]</c>, as a controller's actions are.</summary>
[Authorize]
public static class Guarded
{
    [SseEndpoint("/guarded/member")]
    public static IAsyncEnumerable<string> Member() => Streams.Once("member");

    [SseEndpoint("/guarded/admin")]
    [Authorize(Policy = TestAppHost.AdminsPolicy)]
    public static IAsyncEnumerable<string> Admin() => Streams.Once("admin");

    [SseEndpoint("/guarded/open")]
    [AllowAnonymous]
    public static IAsyncEnumerable<string> Open() => Streams.Once("open");
}
