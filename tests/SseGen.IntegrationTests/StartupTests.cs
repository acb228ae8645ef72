using SseGen.TestApp;

namespace SseGen.IntegrationTests;

public sealed class StartupTests
{
    [Fact]
    public void MissingService_FailsMapSseEndpointsAtStartup_NamingEndpointAndService()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => TestAppHost.Create(registerChatHub: false, "--urls", "http://127.0.0.1:0"));

        Assert.Equal(
            "The SSE endpoint 'SseGen.TestApp.Feeds.Chat' needs the service 'SseGen.TestApp.IChatHub', which is not registered: register it, or make the parameter nullable.",
            failure.Message);
    }
}
