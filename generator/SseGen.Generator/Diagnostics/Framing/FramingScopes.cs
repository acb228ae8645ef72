using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>
    /// "The same method" of the framing rules: a member body, and each lambda and local function on its own,
    /// because a minimal-API handler is a lambda inside Program's top-level statements.
    /// </summary>
    internal static class FramingScopes
    {
        public static IEnumerable<IOperation> Of(IOperation block)
        {
            yield return block;
            foreach (IOperation operation in block.Descendants())
            {
                IOperation? body = operation switch
                {
                    IAnonymousFunctionOperation lambda => lambda.Body,
                    ILocalFunctionOperation local => local.Body,
                    _ => null,
                };
                if (body is not null)
                {
                    yield return body;
                }
            }
        }

        /// <summary>The operations of <paramref name="scope"/>, not descending into nested lambdas and local functions.</summary>
        public static IEnumerable<IOperation> Operations(IOperation scope)
        {
            var pending = new Stack<IOperation>();
            pending.Push(scope);
            while (pending.Count > 0)
            {
                IOperation current = pending.Pop();
                yield return current;
                foreach (IOperation child in current.ChildOperations.Reverse())
                {
                    if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                    {
                        pending.Push(child);
                    }
                }
            }
        }
    }
}
