
namespace SseGen.Generator.Model
{
    /// <summary>What the map extension needs of one endpoint: its pattern and the generated class that serves it.</summary>
    /// <param name="Pattern">The route pattern as written in the attribute.</param>
    /// <param name="EndpointClass">The generated endpoint class, fully qualified with <c>global::</c>.</param>
    internal sealed record RouteSpec(string Pattern, string EndpointClass)
    {
        /// <summary>Orders routes by pattern, then class, ordinally, so the map extension is the same on every machine.</summary>
        public static int Ordinal(RouteSpec x, RouteSpec y)
        {
            int byPattern = string.CompareOrdinal(x.Pattern, y.Pattern);
            return byPattern != 0 ? byPattern : string.CompareOrdinal(x.EndpointClass, y.EndpointClass);
        }
    }
}
