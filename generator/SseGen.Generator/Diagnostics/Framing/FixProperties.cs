namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>
    /// The <c>Diagnostic.Properties</c> that carry a framing fix from the analyzer to SseGen.CodeFixes: which edit, never
    /// where in the text; the fix finds its syntax again at the diagnostic's location, which stays right as the document changes.
    /// </summary>
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

        /// <summary>Make the <see cref="HeadEdit"/> edit to the <see cref="HeadLine"/> line of the HTTP head literal at the diagnostic's location.</summary>
        public const string EditHead = "EditHead";

        /// <summary>Split the string value at the diagnostic's location into data: lines (<see cref="Framing.DataLineSplit"/>).</summary>
        public const string SplitDataLines = "SplitDataLines";

        /// <summary>Remove the argument at the diagnostic's location from its argument list.</summary>
        public const string RemoveArgument = "RemoveArgument";

        /// <summary>Remove the element at the diagnostic's location from its collection expression or array initializer.</summary>
        public const string RemoveElement = "RemoveElement";

        /// <summary>The statement to insert, as C# source.</summary>
        public const string Statement = "Statement";

        /// <summary>Which of <see cref="Framing.HeadEdit"/>'s edits to make.</summary>
        public const string HeadEdit = "HeadEdit";

        /// <summary>The text of the head line the edit is about.</summary>
        public const string HeadLine = "HeadLine";

        /// <summary>The code action's title, when the analyzer knows it best.</summary>
        public const string Title = "Title";
    }
}
