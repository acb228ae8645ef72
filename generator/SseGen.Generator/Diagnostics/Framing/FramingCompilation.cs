using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>
    /// What the framing analyzers share in one compilation: its known types, resolved once, and the response facts
    /// of each operation block, collected once for every rule that reads them.
    /// </summary>
    /// <remarks>
    /// The rules are separate analyzers, each with its own compilation-start action, so the state hangs off the
    /// compilation itself. The driver hands every analyzer the same operation trees, so the first rule to reach a
    /// block collects its facts and the others read them. <see cref="ConditionalWeakTable{TKey, TValue}"/> is safe
    /// under concurrent execution (two racing rules may both collect, one result wins) and lets a compilation and
    /// its trees go when nothing else holds them.
    /// </remarks>
    internal sealed class FramingCompilation
    {
        private static readonly ConditionalWeakTable<Compilation, FramingCompilation> PerCompilation = new();

        private readonly ConditionalWeakTable<IOperation, IReadOnlyList<ResponseFacts>> _factsPerBlock = new();

        private FramingCompilation(Compilation compilation, FramingTypes types)
        {
            Types = types;
            Reach = new HelperReach(compilation, types);
        }

        public FramingTypes Types { get; }

        /// <summary>The summaries of the helpers responses are handed to, each read once for the whole compilation.</summary>
        public HelperReach Reach { get; }

        public static FramingCompilation Of(Compilation compilation) =>
            PerCompilation.GetValue(compilation, static c => new FramingCompilation(c, FramingTypes.Create(c)));

        /// <summary>
        /// The facts of <paramref name="block"/>, the body of <paramref name="owner"/>, and of each lambda and local
        /// function in it, one per scope, with the helpers each calls followed <see cref="HelperReach.MaxCalls"/> deep.
        /// </summary>
        public IReadOnlyList<ResponseFacts> FactsOf(IOperation block, ISymbol owner, CancellationToken cancellationToken) =>
            _factsPerBlock.GetValue(block, root => FramingScopes.Of(root)
                .Select(scope => ResponseFacts.Collect(scope, OwnerOf(scope, owner), Types, Reach, HelperReach.MaxCalls, cancellationToken))
                .ToList());

        private static IMethodSymbol? OwnerOf(IOperation scope, ISymbol owner) => scope.Parent switch
        {
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            ILocalFunctionOperation local => local.Symbol,
            _ => owner as IMethodSymbol,
        };
    }
}
