namespace SseGen.Generator.Diagnostics
{
    /// <summary>Where each diagnostic's help page lives: docs/diagnostics/{id}.md in the repository.</summary>
    internal static class HelpLinks
    {
        private const string Root = "https://github.com/ssegen/ssegen/blob/main/docs/diagnostics/";

        public static string For(string id) => Root + id + ".md";
    }
}
