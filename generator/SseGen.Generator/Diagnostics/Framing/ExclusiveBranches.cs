using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>Whether two operations of one method can never both run in one call: they sit in different branches.</summary>
    /// <remarks>
    /// Not Roslyn's <c>ControlFlowGraph</c>: its blocks hold rewritten operations (matched back to ours only by syntax),
    /// each lambda needs a graph of its own, and a loop's back edge makes the two branches of an if inside it reach
    /// each other, so the JSON fallback beside a stream in a loop would stop counting as the other branch.
    /// Walking up the operation tree to the common ancestor is shorter and says exactly what the rules mean.
    /// </remarks>
    internal static class ExclusiveBranches
    {
        public static bool Contain(IOperation first, IOperation second)
        {
            var firstPath = new Dictionary<IOperation, IOperation>();
            IOperation child = first;
            for (IOperation? parent = first.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                firstPath[parent] = child;
            }

            child = second;
            for (IOperation? parent = second.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                if (firstPath.TryGetValue(parent, out IOperation? firstChild))
                {
                    return parent switch
                    {
                        IConditionalOperation conditional => firstChild != conditional.Condition && child != conditional.Condition && firstChild != child,
                        ISwitchOperation => firstChild is ISwitchCaseOperation && child is ISwitchCaseOperation && firstChild != child,
                        ISwitchExpressionOperation => firstChild is ISwitchExpressionArmOperation && child is ISwitchExpressionArmOperation && firstChild != child,
                        IBlockOperation block => ExitsBefore(block, firstChild, first, child) || ExitsBefore(block, child, second, firstChild),
                        _ => false,
                    };
                }
            }

            return false;
        }

        // An if whose branch holding the operation ends in return or throw: statements after the if never follow it.
        private static bool ExitsBefore(IBlockOperation block, IOperation statement, IOperation operation, IOperation laterStatement)
        {
            if (statement is not IConditionalOperation conditional || block.Operations.IndexOf(laterStatement) <= block.Operations.IndexOf(statement))
            {
                return false;
            }

            IOperation? branch = operation;
            while (branch is not null && branch != conditional.WhenTrue && branch != conditional.WhenFalse)
            {
                branch = branch.Parent;
            }

            IOperation? last = branch is IBlockOperation { Operations.Length: > 0 } body ? body.Operations[body.Operations.Length - 1] : branch;
            return last is IReturnOperation or IExpressionStatementOperation { Operation: IThrowOperation };
        }
    }
}
