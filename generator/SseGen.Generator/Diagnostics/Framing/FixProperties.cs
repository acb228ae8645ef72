namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>The <c>Diagnostic.Properties</c> that carry a framing fix from the analyzer to SseGen.CodeFixes.</summary>
    internal static class FixProperties
    {
        /// <summary>Which edit fixes the diagnostic; absent when no edit is mechanical.</summary>
        public const string Fix = "Fix";

        /// <summary>Remove the expression statement at the diagnostic's location.</summary>
        public const string RemoveStatement = "RemoveStatement";

        /// <summary>Replace the expression at the diagnostic's location with <c>true</c>.</summary>
        public const string ReplaceWithTrue = "ReplaceWithTrue";

        /// <summary>Insert the statement in <see cref="Statement"/> after the statement at the diagnostic's location.</summary>
        public const string InsertStatementAfter = "InsertStatementAfter";

        /// <summary>Replace the source span <see cref="EditStart"/>..+<see cref="EditLength"/> with <see cref="EditText"/>.</summary>
        public const string EditText = "EditText";

        /// <summary>The statement to insert, as C# source.</summary>
        public const string Statement = "Statement";

        /// <summary>Where a text edit starts, as an absolute source position.</summary>
        public const string EditStart = "EditStart";

        /// <summary>How many source characters a text edit replaces.</summary>
        public const string EditLength = "EditLength";

        /// <summary>The source text a text edit inserts.</summary>
        public const string NewText = "NewText";

        /// <summary>The code action's title, when the analyzer knows it best.</summary>
        public const string Title = "Title";
    }
}
