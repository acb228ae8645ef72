using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>
    /// Follows a response into the helpers a method hands it to (methods, extension methods, local functions and lambdas
    /// held in locals, all in this compilation), so that a helper setting <c>Connection: close</c> or a Content-Length is
    /// seen at the call where it meets an event stream.
    /// </summary>
    /// <remarks>
    /// Each helper is read once per compilation into a summary of <see cref="HelperEffect"/>s, cached by its symbol, and
    /// every caller maps the summary onto its own arguments. The reach is bounded: at most <see cref="MaxCalls"/> calls
    /// from the method being analyzed, so a summary is one per helper and remaining depth (at most <see cref="MaxCalls"/>
    /// per helper), recursion ends because the depth only goes down, and a large solution pays for each helper a bounded
    /// number of times, not for each path through it.
    /// </remarks>
    internal sealed class HelperReach
    {
        /// <summary>How many calls deep a response is followed: "via A → B → C" at most.</summary>
        public const int MaxCalls = 3;

        private static readonly ImmutableArray<HelperEffect> NoEffects = ImmutableArray<HelperEffect>.Empty;

        private readonly Compilation _compilation;
        private readonly FramingTypes _types;

        // One cache per remaining depth: index n holds summaries whose own calls may be followed n more calls deep.
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<HelperEffect>>[] _summaries;
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _holdsResponse = new(SymbolEqualityComparer.Default);

        public HelperReach(Compilation compilation, FramingTypes types)
        {
            _compilation = compilation;
            _types = types;
            _summaries = Enumerable.Range(0, MaxCalls)
                .Select(_ => new ConcurrentDictionary<IMethodSymbol, ImmutableArray<HelperEffect>>(SymbolEqualityComparer.Default))
                .ToArray();
        }

        /// <summary>Adds to <paramref name="facts"/> what the helpers its scope calls do, following them <paramref name="calls"/> calls deep.</summary>
        public void Lift(ResponseFacts facts, int calls, CancellationToken cancellationToken)
        {
            if (calls <= 0)
            {
                return;
            }

            foreach (IInvocationOperation invocation in facts.Operations.OfType<IInvocationOperation>())
            {
                if (Callee(invocation, facts.Aliases) is not { } callee)
                {
                    continue;
                }

                foreach (HelperEffect effect in SummaryOf(callee.Method, callee.LocalBody, calls - 1, cancellationToken))
                {
                    if (InCaller(effect, invocation, facts.Aliases) is { } target)
                    {
                        facts.AddFromHelper(effect.Fact, target.Response, target.Operation, invocation, target.Described, effect.Chain.Insert(0, callee.Name));
                    }
                }
            }
        }

        /// <summary>What <paramref name="method"/> does to the responses it is handed, its own calls followed <paramref name="calls"/> deep.</summary>
        internal ImmutableArray<HelperEffect> SummaryOf(IMethodSymbol method, IOperation? localBody, int calls, CancellationToken cancellationToken)
        {
            ConcurrentDictionary<IMethodSymbol, ImmutableArray<HelperEffect>> cache = _summaries[calls];
            if (cache.TryGetValue(method, out ImmutableArray<HelperEffect> summary))
            {
                return summary;
            }

            // Two threads may both summarize a helper; the summaries are equal and the first stored wins.
            summary = Summarize(method, localBody ?? BodyOf(method, cancellationToken), calls, cancellationToken);
            return cache.GetOrAdd(method, summary);
        }

        private ImmutableArray<HelperEffect> Summarize(IMethodSymbol method, IOperation? body, int calls, CancellationToken cancellationToken)
        {
            if (body is null)
            {
                return NoEffects;
            }

            ResponseFacts facts = ResponseFacts.Collect(body, method, _types, this, calls, cancellationToken);

            // The shortest chain per fact and response: a helper that sets a header twice, or calls itself, is one effect.
            var effects = new Dictionary<(ResponseFact, int, ResponseRef), HelperEffect>();
            Summarize(facts.EventStreamMarks, ResponseFact.EventStream, method, effects);
            Summarize(facts.ConnectionCloses, ResponseFact.ConnectionClose, method, effects);
            Summarize(facts.ContentLengths, ResponseFact.ContentLength, method, effects);

            // SendChunked = false in a helper is not carried: its caller would still need chunking, and says so.
            Summarize(facts.SendChunkedWrites.Where(write => write.Value is null || FramingValues.ConstantBool(write.Value) != false).ToList(), ResponseFact.SendChunked, method, effects);
            return effects.Values.ToImmutableArray();
        }

        private static void Summarize(List<ResponseWrite> writes, ResponseFact fact, IMethodSymbol method, Dictionary<(ResponseFact, int, ResponseRef), HelperEffect> effects)
        {
            foreach (ResponseWrite write in writes)
            {
                ISymbol? root = write.Response.Root;
                int parameter = root is IParameterSymbol p && SymbolEqualityComparer.Default.Equals(p.ContainingSymbol, method) ? p.Ordinal : -1;
                if (parameter < 0 && IsDeclaredIn(root, method))
                {
                    continue;
                }

                ImmutableArray<string> chain = write.IsInHelper ? write.Via : ImmutableArray<string>.Empty;
                var key = (fact, parameter, parameter < 0 ? write.Response : new ResponseRef(null, write.Response.Path));
                if (!effects.TryGetValue(key, out HelperEffect? known) || known.Chain.Length > chain.Length)
                {
                    effects[key] = new HelperEffect(fact, parameter, parameter < 0 ? root : null, write.Response.Path, chain);
                }
            }
        }

        // A variable the helper declares itself (not a parameter, not captured from its caller) means nothing to the caller.
        private static bool IsDeclaredIn(ISymbol? root, IMethodSymbol method)
        {
            if (root is not (ILocalSymbol or IParameterSymbol))
            {
                return false;
            }

            for (ISymbol? owner = root.ContainingSymbol; owner is IMethodSymbol; owner = owner.ContainingSymbol)
            {
                if (SymbolEqualityComparer.Default.Equals(owner, method))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The response of the caller an effect is about, with the expression that names it and how to say it.</summary>
        private static (ResponseRef Response, IOperation Operation, string Described)? InCaller(HelperEffect effect, IInvocationOperation call, ResponseAliases aliases)
        {
            if (effect.Parameter >= 0)
            {
                IArgumentOperation? argument = call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == effect.Parameter && a.ArgumentKind != ArgumentKind.DefaultValue);
                return argument is not null && aliases.Resolve(argument.Value) is { } passed
                    ? (passed.Append(effect.Path), argument.Value, argument.Value.Syntax + effect.Path)
                    : null;
            }

            if (effect.Root is null)
            {
                // this.Response of a controller: the same object only when the helper is called on this.
                return call.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
                    ? (new ResponseRef(null, effect.Path), call, effect.Path.StartsWith("this.", System.StringComparison.Ordinal) ? effect.Path.Substring("this.".Length) : effect.Path)
                    : null;
            }

            return (new ResponseRef(effect.Root, effect.Path), call, effect.Root.Name + effect.Path);
        }

        /// <summary>
        /// The helper an invocation calls, when it is in this compilation and can reach a response: it is handed a response
        /// or an HttpContext, is called on this, or is a local function or a lambda (which may capture one).
        /// </summary>
        private (IMethodSymbol Method, IOperation? LocalBody, string Name)? Callee(IInvocationOperation invocation, ResponseAliases aliases)
        {
            IMethodSymbol target = invocation.TargetMethod;
            if (target.MethodKind == MethodKind.DelegateInvoke)
            {
                // Action<HttpResponse> noCache = r => ...; noCache(context.Response);
                return invocation.Instance is ILocalReferenceOperation local
                    && aliases.InitializerOf(local.Local) is { } initializer
                    && FramingValues.Unwrap(initializer) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
                    ? (lambda.Symbol, lambda.Body, local.Local.Name)
                    : null;
            }

            IMethodSymbol definition = (target.ReducedFrom ?? target).OriginalDefinition;
            IMethodSymbol method = definition.PartialImplementationPart ?? definition;
            if (method.DeclaringSyntaxReferences.IsEmpty)
            {
                return null;
            }

            if (method.MethodKind == MethodKind.LocalFunction)
            {
                // Its body from the tree being analyzed, whose symbols (the variables it captures) are the caller's own.
                return LocalFunctionBody(invocation, method) is { } body ? (method, body, method.Name) : null;
            }

            bool reaches = invocation.Arguments.Any(argument => _types.CarriesResponse(argument.Value.Type))
                || (!method.IsStatic && invocation.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } && HoldsResponse(method.ContainingType));
            return reaches ? (method, null, method.Name) : null;
        }

        // A controller (its Response, its HttpContext) or a class keeping a response in a field: only there can a method
        // called on this reach a response without being handed one. Asked once per type.
        private bool HoldsResponse(INamedTypeSymbol type)
        {
            if (!_holdsResponse.TryGetValue(type, out bool holds))
            {
                holds = HasResponseMember(type, _types);
                _holdsResponse.TryAdd(type, holds);
            }

            return holds;
        }

        private static bool HasResponseMember(INamedTypeSymbol type, FramingTypes types)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                foreach (ISymbol member in current.GetMembers())
                {
                    ITypeSymbol? memberType = member switch
                    {
                        IFieldSymbol field => field.Type,
                        IPropertySymbol property => property.Type,
                        _ => null,
                    };
                    if (types.CarriesResponse(memberType))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static IOperation? LocalFunctionBody(IOperation invocation, IMethodSymbol localFunction)
        {
            IOperation root = invocation;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            return root.Descendants().OfType<ILocalFunctionOperation>()
                .FirstOrDefault(declaration => SymbolEqualityComparer.Default.Equals(declaration.Symbol, localFunction))?.Body;
        }

        private IOperation? BodyOf(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (method.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            SyntaxNode declaration = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            if (!_compilation.ContainsSyntaxTree(declaration.SyntaxTree))
            {
                return null;
            }

            // The helper lives in another method, often another file, so no analysis context hands out its model. Under
            // CompilationWithAnalyzers (the IDE, the build) this compilation caches its semantic models, so this is the
            // model the driver itself uses, not a second binding of the tree; and each helper is read once per depth.
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer
            SemanticModel model = _compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS1030
            return model.GetOperation(declaration, cancellationToken) switch
            {
                IMethodBodyBaseOperation body => body,
                _ => null,
            };
        }
    }
}
