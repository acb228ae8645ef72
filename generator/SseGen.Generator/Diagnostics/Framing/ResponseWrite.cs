using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>
    /// One write to a response's head found in a method: which response, through which expression, by which operation.
    /// A write made by a helper the method calls has that call as its operation and, in <see cref="Via"/>, the calls it
    /// went through (SetNoCache, SetHeaders); <see cref="Described"/> is the response as the user spelled it here.
    /// </summary>
    internal sealed record ResponseWrite(ResponseRef Response, IOperation ResponseOperation, IOperation Operation, IOperation? Value, ImmutableArray<string> Via = default)
    {
        public string Described { get; init; } = ResponseOperation.Syntax.ToString();

        /// <summary>Whether a helper called here made the write, not this method's own code.</summary>
        public bool IsInHelper => !Via.IsDefaultOrEmpty;

        /// <summary>" via SetNoCache → SetHeaders" for a write made in helpers, empty otherwise: how messages name the call chain.</summary>
        public string ViaText => IsInHelper ? " via " + string.Join(" → ", Via) : string.Empty;
    }
}
