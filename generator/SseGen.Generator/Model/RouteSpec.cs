
namespace SseGen.Generator.Model
{
    /// <summary>What the map extension needs of one endpoint: its pattern, the generated class that serves it, and where it was declared.</summary>
    /// <param name="Pattern">The route pattern as written in the attribute.</param>
    /// <param name="EndpointClass">The generated endpoint class, fully qualified with <c>global::</c>.</param>
    /// <param name="Owner">The declaring type, fully qualified with <c>global::</c>: endpoints of one type share a conventions group.</param>
    /// <param name="OwnerName">The declaring type's name, nested types joined by <c>_</c>.</param>
    /// <param name="OwnerQualifiedName"><paramref name="OwnerName"/> after its namespace, joined by <c>_</c>: for two declaring types of one name.</param>
    /// <param name="Member">The method's name, with <c>_1</c>, <c>_2</c> for overloads, escaped for C#.</param>
    internal sealed record RouteSpec(string Pattern, string EndpointClass, string Owner, string OwnerName, string OwnerQualifiedName, string Member)
    {
        /// <summary>Orders routes by pattern, then class, ordinally, so the map extension is the same on every machine.</summary>
        public static int Ordinal(RouteSpec x, RouteSpec y)
        {
            int byPattern = string.CompareOrdinal(x.Pattern, y.Pattern);
            return byPattern != 0 ? byPattern : string.CompareOrdinal(x.EndpointClass, y.EndpointClass);
        }
    }
}
