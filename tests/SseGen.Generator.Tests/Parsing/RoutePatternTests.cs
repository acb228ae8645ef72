using SseGen.Generator.Parsing;
using Xunit;

namespace SseGen.Generator.Tests.Parsing;

public sealed class RoutePatternTests
{
    [Theory]
    [InlineData("/ticks", new string[0])]
    [InlineData("", new string[0])]
    [InlineData("/chat/{room}", new[] { "room" })]
    [InlineData("/a/{id:int:min(1)}/{name?}", new[] { "id", "name" })]
    [InlineData("/files/{**path}", new[] { "path" })]
    [InlineData("/p/{page=1}", new[] { "page" })]
    [InlineData("/{{literal}}/{x}", new[] { "x" })]
    [InlineData("~/x/{y}", new[] { "y" })]
    public void TryParse_ValidPattern_ReturnsItsParameters(string pattern, string[] expected)
    {
        Assert.True(RoutePattern.TryParse(pattern, out List<string> parameters, out string error), error);
        Assert.Equal(expected, parameters);
    }

    [Theory]
    [InlineData("/a/{room", "'{' without its '}'")]
    [InlineData("/a/room}", "'}' without its '{'")]
    [InlineData("/a/{}", "without a name")]
    [InlineData("/a/{x}/{X}", "twice")]
    [InlineData("/a/{*rest}/b", "catch-all")]
    [InlineData("/a//b", "empty segment")]
    [InlineData("/a?b=c", "query string")]
    public void TryParse_InvalidPattern_SaysWhy(string pattern, string reason)
    {
        Assert.False(RoutePattern.TryParse(pattern, out _, out string error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/chat/{room}", "/Chat/{name:alpha}/")]
    [InlineData("/a/{x}", "a/{y?}")]
    public void Shape_RoutesRoutingCannotTellApart_AreEqual(string first, string second) =>
        Assert.Equal(RoutePattern.Shape(first), RoutePattern.Shape(second));

    [Theory]
    [InlineData("/chat/{room}", "/chat/{room}/typing")]
    [InlineData("/a/b", "/a/{b}")]
    public void Shape_DistinctRoutes_Differ(string first, string second) =>
        Assert.NotEqual(RoutePattern.Shape(first), RoutePattern.Shape(second));
}
