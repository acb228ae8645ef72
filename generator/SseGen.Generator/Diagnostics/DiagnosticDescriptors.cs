using Microsoft.CodeAnalysis;

namespace SseGen.Generator.Diagnostics
{
    /// <summary>The one catalogue of SseGen's diagnostics. Each message names the symbol, says the fix and gives the reason.</summary>
    internal static class DiagnosticDescriptors
    {
        // ---- SSE0xxx: attribute misuse (generator) ----



        // ---- SSE1xxx: framing (hand-written SSE code) ----



    }
}
