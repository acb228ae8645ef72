using System.Text.RegularExpressions;

namespace SseGen.IntegrationTests.TypeScript;

/// <summary>The sample's page opens its streams through the generated client, so no route or event name there is unchecked text.</summary>
public sealed partial class SamplePageTests
{
    private static readonly string AppJs = File.ReadAllText(Repository.PathOf("sample", "SseGen.Sample", "wwwroot", "app.js"));

    [Fact]
    public void Page_ImportsTheServedClientModule()
    {
        Assert.Matches(@"import \{ feeds(, \w+)* \} from '/sse-client\.js';", AppJs);
        Assert.Contains("type=\"module\" src=\"app.js\"", File.ReadAllText(Repository.PathOf("sample", "SseGen.Sample", "wwwroot", "index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Page_OpensNoEventSourceAndNamesNoStreamRouteByHand()
    {
        Assert.DoesNotContain("new EventSource", AppJs, StringComparison.Ordinal);
        Assert.DoesNotContain("JSON.parse", AppJs, StringComparison.Ordinal);

        // The one route left is the POST that drops the counter's connections: not a stream.
        Assert.Equal(["/streams/counter/drop"], StreamRoute().Matches(AppJs).Select(m => m.Value).Distinct());
    }

    [GeneratedRegex(@"/streams/[\w/{}.-]*")]
    private static partial Regex StreamRoute();
}
