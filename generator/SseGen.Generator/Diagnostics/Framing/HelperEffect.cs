using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>
    /// One thing a helper does to a response, as its callers see it: the fact, on which response (the helper's parameter
    /// <see cref="Parameter"/>, or when that is -1 the <see cref="Root"/> both sides share: <c>this</c> when null, a variable
    /// a local function or lambda captures, a static member), under which member <see cref="Path"/>, and through which
    /// further calls inside the helper (<see cref="Chain"/>, empty when the helper's own code does it).
    /// </summary>
    /// <remarks>No operations: a summary outlives the operation tree it was read from, in the per-compilation cache.</remarks>
    internal sealed record HelperEffect(ResponseFact Fact, int Parameter, ISymbol? Root, string Path, ImmutableArray<string> Chain);
}
