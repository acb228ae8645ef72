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
    /// SSE1009 (Info, off by default): a loop that writes a hand-written event stream and waits between events, on
    /// <c>Task.Delay</c> or a channel read, with no heartbeat anywhere in the method: no comment line (a string starting
    /// with <c>:</c>), no call named for a heartbeat, keep-alive or ping, no timer, and no bounded wait in the loop.
    /// </summary>
    /// <remarks>
    /// A suggestion, not a warning: whether the events come often enough is known only at run time, so the rule names
    /// the waits a proxy's idle timeout can outlast and leaves the judgement to the author who turns it on.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class IdleEventStreamAnalyzer : DiagnosticAnalyzer
    {
        // A delay shorter than this between events keeps the stream busier than the shortest common idle timeout
        // (30 s on some load balancers; nginx and AWS ALB 60 s, Cloudflare 100 s).
        private static readonly TimeSpan ShortWait = TimeSpan.FromSeconds(15);

        private static readonly string[] HeartbeatNames = { "Heartbeat", "KeepAlive", "Ping" };

        private static readonly string[] TimerTypes = { "System.Threading.PeriodicTimer", "System.Threading.Timer", "System.Timers.Timer" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.EventStreamWithoutHeartbeat);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            FramingAnalysis.Register(context, AnalyzeScope);
        }

        private static void AnalyzeScope(OperationBlockAnalysisContext context, ResponseFacts facts, FramingTypes types)
        {
            if (facts.EventStreamMarks.Count == 0 || facts.Operations.Any(operation => IsHeartbeat(operation)))
            {
                return;
            }

            var reported = new HashSet<IOperation>();
            foreach (ILoopOperation loop in facts.Operations.OfType<ILoopOperation>())
            {
                List<IOperation> operations = FramingScopes.Operations(loop).ToList();
                IOperation? written = operations.OfType<IInvocationOperation>()
                    .Select(invocation => WrittenEventStream(invocation, facts, types))
                    .FirstOrDefault(response => response is not null);
                if (written is null || operations.Any(IsBoundedWait))
                {
                    continue;
                }

                IOperation? wait = (loop is IForEachLoopOperation { IsAsynchronous: true } forEach && IsChannelRead(FramingValues.Unwrap(forEach.Collection)) ? forEach.Collection : null)
                    ?? operations.OfType<IInvocationOperation>().FirstOrDefault(IsLongWait);
                if (wait is not null && reported.Add(wait))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.EventStreamWithoutHeartbeat,
                        FramingValues.Unwrap(wait).Syntax.GetLocation(),
                        FramingAnalysis.Describe(written),
                        FramingValues.Unwrap(wait).Syntax.ToString()));
                }
            }
        }

        /// <summary>The event-stream response an invocation writes to: its body, a writer over it, its BodyWriter, or the response itself.</summary>
        private static IOperation? WrittenEventStream(IInvocationOperation invocation, ResponseFacts facts, FramingTypes types)
        {
            IMethodSymbol method = invocation.TargetMethod;
            if (method.Name is not ("Write" or "WriteAsync" or "WriteLine" or "WriteLineAsync"))
            {
                return null;
            }

            IOperation? target = method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : invocation.Instance;
            IOperation? response = target is null ? null : types.IsResponse(target.Type) ? target : facts.Aliases.ResponseOfBody(target);
            return response is not null && facts.Aliases.Resolve(response) is { } written && facts.IsEventStreamAt(written, invocation) ? response : null;
        }

        /// <summary>Task.Delay of unknown or long duration, or a read from a channel, which waits as long as the writer is quiet.</summary>
        private static bool IsLongWait(IInvocationOperation invocation)
        {
            if (IsChannelRead(invocation))
            {
                return true;
            }

            if (invocation.TargetMethod is not { Name: "Delay", ContainingType: { Name: "Task", ContainingNamespace: { Name: "Tasks" } } } || invocation.Arguments.Length == 0)
            {
                return false;
            }

            return DurationOf(invocation.Arguments[0].Value) is not { } duration || duration >= ShortWait;
        }

        private static bool IsChannelRead(IOperation operation) =>
            operation is IInvocationOperation { TargetMethod: { Name: "ReadAsync" or "WaitToReadAsync" or "ReadAllAsync" } method }
            && method.ContainingType.OriginalDefinition.ToDisplayString() == "System.Threading.Channels.ChannelReader<T>";

        // A constant number of milliseconds, or TimeSpan.FromSeconds/FromMilliseconds/FromMinutes of a constant.
        private static TimeSpan? DurationOf(IOperation value)
        {
            value = FramingValues.Unwrap(value);
            if (value.ConstantValue is { HasValue: true, Value: int milliseconds })
            {
                return TimeSpan.FromMilliseconds(milliseconds);
            }

            // FromSeconds(long seconds, long milliseconds = 0, ...) has optional arguments beside the one given.
            if (value is not IInvocationOperation { Arguments.Length: > 0 } call
                || call.TargetMethod.ContainingType.ToDisplayString() != "System.TimeSpan"
                || call.Arguments.Skip(1).Any(argument => argument.ArgumentKind != ArgumentKind.DefaultValue)
                || FramingValues.Unwrap(call.Arguments[0].Value).ConstantValue is not { HasValue: true, Value: { } amount })
            {
                return null;
            }

            double count = Convert.ToDouble(amount, System.Globalization.CultureInfo.InvariantCulture);
            return call.TargetMethod.Name switch
            {
                "FromMilliseconds" => TimeSpan.FromMilliseconds(count),
                "FromSeconds" => TimeSpan.FromSeconds(count),
                "FromMinutes" => TimeSpan.FromMinutes(count),
                _ => null,
            };
        }

        // Something in the method that sends while the loop waits: an SSE comment line, a heartbeat call, a timer.
        private static bool IsHeartbeat(IOperation operation) => operation switch
        {
            ILiteralOperation { ConstantValue: { HasValue: true, Value: string text } } => IsComment(operation, text),
            IUtf8StringOperation utf8 => IsComment(operation, utf8.Value),
            IInvocationOperation invocation => HeartbeatNames.Any(name => invocation.TargetMethod.Name.IndexOf(name, StringComparison.OrdinalIgnoreCase) >= 0),
            IObjectCreationOperation { Type: { } type } => TimerTypes.Contains(type.ToDisplayString()),
            _ => false,
        };

        // ": ping\n\n" on its own or at the start of a concatenation; a ':' inside other text ("{h}:{m}") is not a comment line.
        private static bool IsComment(IOperation literal, string text) =>
            text.StartsWith(":", StringComparison.Ordinal)
            && (StringPieces.IsOutermost(literal) || (literal.Parent is IBinaryOperation { LeftOperand: var left } && left == literal));

        // A wait that gives up after a while (Task.WhenAny with a delay, WaitAsync with a timeout) lets the loop send in between.
        private static bool IsBoundedWait(IOperation operation) =>
            operation is IInvocationOperation { TargetMethod.Name: "WhenAny" or "WaitAsync" or "CancelAfter" } invocation
            && (invocation.TargetMethod.Name != "WaitAsync" || invocation.Arguments.Any(argument => argument.Value.Type?.Name == "TimeSpan"));
    }
}
