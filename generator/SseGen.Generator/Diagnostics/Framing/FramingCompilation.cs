using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

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

        private FramingCompilation(FramingTypes types) => Types = types;

        public FramingTypes Types { get; }

        public static FramingCompilation Of(Compilation compilation) =>
            PerCompilation.GetValue(compilation, static c => new FramingCompilation(FramingTypes.Create(c)));

        /// <summary>The facts of <paramref name="block"/> and of each lambda and local function in it, one per scope.</summary>
        public IReadOnlyList<ResponseFacts> FactsOf(IOperation block) =>
            _factsPerBlock.GetValue(block, root => FramingScopes.Of(root).Select(scope => ResponseFacts.Collect(scope, Types)).ToList());
    }
}
