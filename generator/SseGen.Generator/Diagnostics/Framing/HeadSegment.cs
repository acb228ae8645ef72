using Microsoft.CodeAnalysis;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>
    /// One piece of a string built from literals and holes: its value, and where its source text lies
    /// (null for a hole or any other value not written in the source).
    /// </summary>
    internal sealed record HeadSegment(string Value, int ValueStart, SyntaxNode? Syntax);
}
