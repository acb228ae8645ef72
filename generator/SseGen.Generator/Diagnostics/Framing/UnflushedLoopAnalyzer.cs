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
    /// a local holding it, a writer over it, or <c>BodyWriter.Write</c>) with nothing in the loop that flushes what was written.
    /// </summary>
    /// <remarks>
    /// <c>HttpResponse.WriteAsync(string)</c> and <c>PipeWriter.WriteAsync</c> flush the response's pipe by themselves: they
    /// are not writes here, and they flush the body's writes before them. A write through a <c>StreamWriter</c> is flushed
    /// only by that writer (or its <c>AutoFlush</c>): flushing the body beneath leaves the writer's buffer where it is.
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
                if (loops.Count == 0 || loops.Any(loop => FlushedIn(loop, write.Target, response, facts, types)))
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

        private static bool FlushedIn(ILoopOperation loop, IOperation target, ResponseRef response, ResponseFacts facts, FramingTypes types)
        {
            bool throughWriter = types.IsTextWriter(target.Type);
            ResponseRef? writer = throughWriter ? facts.Aliases.Resolve(target) : null;
            foreach (IInvocationOperation call in FramingScopes.Operations(loop).OfType<IInvocationOperation>())
            {
                IMethodSymbol method = call.TargetMethod;
                IOperation? receiver = method.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : call.Instance;
                if (method.Name is "Flush" or "FlushAsync" && receiver is not null)
                {
                    if (throughWriter ? Same(facts.Aliases.Resolve(receiver), writer) : IsBodyOf(receiver, response, facts))
                    {
                        return true;
                    }
                }
                else if (method.Name == "WriteAsync" && receiver is not null && !throughWriter
                    && ((types.IsHttpResponse(receiver.Type) && Same(facts.Aliases.Resolve(receiver), response))
                        || (FramingTypes.Is(receiver.Type, types.PipeWriter) && IsBodyOf(receiver, response, facts))))
                {
                    // HttpResponse.WriteAsync and BodyWriter.WriteAsync flush the response's pipe, the body's earlier writes with it.
                    return true;
                }
                else if (method.Name.IndexOf("Flush", StringComparison.OrdinalIgnoreCase) >= 0
                    && call.Arguments.Select(argument => argument.Value).Append(receiver).Any(value => value is not null && LeadsTo(value, writer, response, facts, types)))
                {
                    // A helper named for flushing, handed this response, its context, its body or the writer: FlushEventAsync(context).
                    return true;
                }
            }

            return false;
        }

        private static bool IsBodyOf(IOperation value, ResponseRef response, ResponseFacts facts) =>
            facts.Aliases.ResponseOfBody(value) is { } owner && Same(facts.Aliases.Resolve(owner), response);

        private static bool LeadsTo(IOperation value, ResponseRef? writer, ResponseRef response, ResponseFacts facts, FramingTypes types)
        {
            ResponseRef? passed = facts.Aliases.Resolve(value);
            if (writer is not null)
            {
                return Same(passed, writer);
            }

            return IsBodyOf(value, response, facts)
                || Same(passed, response)
                || (passed is not null && types.CarriesResponse(value.Type) && !types.IsResponse(value.Type) && Same(passed.Append(".Response"), response));
        }

        private static bool Same(ResponseRef? first, ResponseRef? second) => first is not null && first.Equals(second);

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
