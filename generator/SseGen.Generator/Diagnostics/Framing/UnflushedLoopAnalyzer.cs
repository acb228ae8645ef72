using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>
    /// SSE1006: events written in a loop to an event-stream response's body (its <c>Body</c> or <c>OutputStream</c>,
    /// a writer over it, or <c>BodyWriter.Write</c>) with no flush anywhere in the loop.
    /// </summary>
    /// <remarks>
    /// <c>HttpResponse.WriteAsync(string)</c> and <c>PipeWriter.WriteAsync</c> flush by themselves and are not writes here.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnflushedLoopAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.EventStreamNotFlushedInLoop);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            FramingAnalysis.Register(context, AnalyzeScope);
        }

        private static void AnalyzeScope(OperationBlockAnalysisContext context, ResponseFacts facts, FramingTypes types)
        {
            if (facts.EventStreamMarks.Count == 0)
            {
                return;
            }

            IReadOnlyList<IOperation> operations = facts.Operations;

            // A StreamWriter with AutoFlush flushes on every write.
            bool autoFlush = operations.OfType<ISimpleAssignmentOperation>().Any(assignment =>
                assignment.Target is IPropertyReferenceOperation { Property.Name: "AutoFlush" } && FramingValues.ConstantBool(assignment.Value) == true);

            var lastWritePerLoop = new Dictionary<ILoopOperation, (IInvocationOperation Write, IOperation Target, IOperation Response)>();
            foreach (IInvocationOperation invocation in operations.OfType<IInvocationOperation>())
            {
                if (AsBodyWrite(invocation, facts, types) is not { } write || facts.Aliases.Resolve(write.Response) is not { } response || !facts.IsEventStreamAt(response, invocation)
                    || (autoFlush && FramingTypes.Is(write.Target.Type, types.StreamWriter)))
                {
                    continue;
                }

                List<ILoopOperation> loops = EnclosingLoops(invocation, facts.Scope);
                if (loops.Count == 0 || loops.Any(Flushes))
                {
                    continue;
                }

                ILoopOperation innermost = loops[0];
                if (!lastWritePerLoop.TryGetValue(innermost, out var previous) || previous.Write.Syntax.SpanStart < invocation.Syntax.SpanStart)
                {
                    lastWritePerLoop[innermost] = (invocation, write.Target, write.Response);
                }
            }

            bool isAsync = IsAsync(facts.Scope, context.OwningSymbol);
            foreach ((IInvocationOperation write, IOperation target, IOperation response) in lastWritePerLoop.Values)
            {
                string? token = write.Arguments
                    .FirstOrDefault(argument => argument.ArgumentKind == ArgumentKind.Explicit && FramingTypes.Is(argument.Parameter?.Type, types.CancellationToken))?
                    .Value.Syntax.ToString();
                bool pipe = FramingTypes.Is(target.Type, types.PipeWriter);
                // A write awaited with ConfigureAwait gets a flush awaited the same way.
                string configured = isAsync && write.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Arguments.Length: 1 } configure
                    ? ".ConfigureAwait(" + configure.Arguments[0].Value.Syntax + ")"
                    : string.Empty;
                string flush = isAsync || pipe
                    ? target.Syntax + ".FlushAsync(" + token + ")" + configured
                    : target.Syntax + ".Flush()";
                ImmutableDictionary<string, string?> fix = IsStatement(write) && (isAsync || !pipe)
                    ? FramingAnalysis.Fix(FixProperties.InsertStatementAfter).Add(FixProperties.Statement, (isAsync ? "await " : string.Empty) + flush + ";")
                    : FramingAnalysis.None;
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.EventStreamNotFlushedInLoop,
                    write.Syntax.GetLocation(),
                    fix,
                    FramingAnalysis.Describe(response),
                    (isAsync ? "await " : string.Empty) + flush));
            }
        }

        private static (IOperation Target, IOperation Response)? AsBodyWrite(IInvocationOperation invocation, ResponseFacts facts, FramingTypes types)
        {
            IMethodSymbol method = invocation.TargetMethod;
            if (method.Name is not ("Write" or "WriteAsync" or "WriteLine" or "WriteLineAsync"))
            {
                return null;
            }

            IOperation? target = method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : invocation.Instance;
            if (target is null || (FramingTypes.Is(target.Type, types.PipeWriter) && method.Name == "WriteAsync"))
            {
                return null;
            }

            return facts.Aliases.ResponseOfBody(target) is { } response ? (FramingValues.Unwrap(target), response) : null;
        }

        private static List<ILoopOperation> EnclosingLoops(IOperation operation, IOperation scope)
        {
            var loops = new List<ILoopOperation>();
            for (IOperation? current = operation.Parent; current is not null && current != scope; current = current.Parent)
            {
                if (current is ILoopOperation loop)
                {
                    loops.Add(loop);
                }
            }

            return loops;
        }

        private static bool Flushes(ILoopOperation loop) =>
            FramingScopes.Operations(loop).OfType<IInvocationOperation>()
                .Any(invocation => invocation.TargetMethod.Name.IndexOf("Flush", StringComparison.OrdinalIgnoreCase) >= 0);

        private static bool IsStatement(IOperation write)
        {
            IOperation? parent = write.Parent;
            if (parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configured)
            {
                parent = configured.Parent;
            }

            if (parent is IAwaitOperation awaited)
            {
                parent = awaited.Parent;
            }

            return parent is IExpressionStatementOperation;
        }

        private static bool IsAsync(IOperation scope, ISymbol owner) => scope.Parent switch
        {
            IAnonymousFunctionOperation lambda => lambda.Symbol.IsAsync,
            ILocalFunctionOperation local => local.Symbol.IsAsync,
            _ => owner is IMethodSymbol { IsAsync: true },
        };
    }
}
