using Microsoft.CodeAnalysis;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>
    /// One piece of a flattened string: its text, where that text starts in the whole value, the source it is written
    /// in (null unless a literal or an interpolated string's text), and for a value known only at run time, its operation.
    /// </summary>
    internal sealed record StringPiece(string Text, int Start, SyntaxNode? Source, IOperation? Hole);
}
