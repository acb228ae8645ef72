using Microsoft.CodeAnalysis;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>One write to a response's head found in a method: which response, through which expression, by which operation.</summary>
    internal sealed record ResponseWrite(ResponseRef Response, IOperation ResponseOperation, IOperation Operation, IOperation? Value);
}
