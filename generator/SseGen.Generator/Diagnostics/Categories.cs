namespace SseGen.Generator.Diagnostics
{
    /// <summary>Diagnostic categories, as they appear in release tracking.</summary>
    internal static class Categories
    {
        public const string Usage = "SseGen.Usage";
        public const string Framing = "SseGen.Framing";
    }
}
