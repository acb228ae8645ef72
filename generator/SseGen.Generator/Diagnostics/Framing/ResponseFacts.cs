using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>
    /// What one method does to the heads of its responses: which become event streams, and which get
    /// <c>Connection: close</c>, a Content-Length or a SendChunked value; its own code, and the helpers it calls
    /// (<see cref="HelperReach"/>), whose writes are facts at the call.
    /// </summary>
    internal sealed class ResponseFacts
    {
        private readonly FramingTypes _types;

        private ResponseFacts(IOperation scope, List<IOperation> operations, FramingTypes types)
        {
            _types = types;
            Scope = scope;
            Operations = operations;
            Aliases = new ResponseAliases(operations, types);
        }

        /// <summary>The method body, lambda body or local function body the facts are about.</summary>
        public IOperation Scope { get; }

        /// <summary>The operations of <see cref="Scope"/>, without those of nested lambdas and local functions.</summary>
        public IReadOnlyList<IOperation> Operations { get; }

        public ResponseAliases Aliases { get; }

        /// <summary>Where a response's content type is set to text/event-stream.</summary>
        public List<ResponseWrite> EventStreamMarks { get; } = new();

        public List<ResponseWrite> ConnectionCloses { get; } = new();

        public List<ResponseWrite> ContentLengths { get; } = new();

        public List<ResponseWrite> SendChunkedWrites { get; } = new();

        /// <summary>
        /// The facts of <paramref name="scope"/>, the body of <paramref name="owner"/>, with the helpers it calls followed
        /// <paramref name="calls"/> calls deep through <paramref name="reach"/> (none when it is null or 0).
        /// </summary>
        public static ResponseFacts Collect(IOperation scope, IMethodSymbol? owner, FramingTypes types, HelperReach? reach, int calls, CancellationToken cancellationToken)
        {
            var facts = new ResponseFacts(scope, FramingScopes.Operations(scope).ToList(), types);
            foreach (IOperation operation in facts.Operations)
            {
                switch (operation)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
                        facts.VisitPropertySet(assignment, property, assignment.Value);
                        break;
                    case IInvocationOperation invocation when types.IsServerSentEventsResult(invocation.TargetMethod):
                        facts.MarkHandlerResponses(invocation, owner);
                        break;
                    case IInvocationOperation invocation:
                        facts.VisitInvocation(invocation);
                        break;
                }
            }

            reach?.Lift(facts, calls, cancellationToken);
            return facts;
        }

        /// <summary>Records what a helper called by <paramref name="call"/> does to the caller's <paramref name="response"/>.</summary>
        public void AddFromHelper(ResponseFact fact, ResponseRef response, IOperation responseOperation, IInvocationOperation call, string described, ImmutableArray<string> via)
        {
            List<ResponseWrite> facts = fact switch
            {
                ResponseFact.EventStream => EventStreamMarks,
                ResponseFact.ConnectionClose => ConnectionCloses,
                ResponseFact.ContentLength => ContentLengths,
                _ => SendChunkedWrites,
            };
            facts.Add(new ResponseWrite(response, responseOperation, call, Value: null, via) { Described = described });
        }

        // TypedResults.ServerSentEvents(...) returned from a handler writes text/event-stream to the request's own
        // response: the HttpContext or HttpResponse the handler takes, or a controller's Response.
        private void MarkHandlerResponses(IInvocationOperation result, IMethodSymbol? owner)
        {
            if (owner is null)
            {
                return;
            }

            foreach (IParameterSymbol parameter in owner.Parameters)
            {
                if (_types.IsHttpResponse(parameter.Type))
                {
                    EventStreamMarks.Add(new ResponseWrite(new ResponseRef(parameter, string.Empty), result, result, Value: null) { Described = parameter.Name });
                }
                else if (_types.IsHttpContext(parameter.Type))
                {
                    EventStreamMarks.Add(new ResponseWrite(new ResponseRef(parameter, ".Response"), result, result, Value: null) { Described = parameter.Name + ".Response" });
                }
            }

            if (!owner.IsStatic && _types.HasResponseProperty(owner.ContainingType))
            {
                EventStreamMarks.Add(new ResponseWrite(new ResponseRef(null, "this.Response"), result, result, Value: null) { Described = "Response" });
            }
        }

        /// <summary>
        /// Whether <paramref name="response"/> is an event stream on a path through <paramref name="write"/>:
        /// a content type set only in the other branch of an if or switch (a JSON fallback beside the stream) does not count.
        /// </summary>
        /// <remarks>
        /// A mark made by the same call as the write (a helper that does both) does not count here: the helper's own
        /// analysis, or its caller's, already reports it where the two meet.
        /// </remarks>
        public bool IsEventStreamAt(ResponseRef response, IOperation write) =>
            EventStreamMarks.Any(mark => mark.Response.Equals(response) && mark.Operation != write && !ExclusiveBranches.Contain(mark.Operation, write));

        private void VisitPropertySet(IOperation assignment, IPropertyReferenceOperation property, IOperation value)
        {
            if (property.Property.IsIndexer)
            {
                if (property.Arguments.Length == 1 && Aliases.ResponseOfHeaders(property.Instance) is { } owner
                    && FramingValues.HeaderName(property.Arguments[0].Value) is { } name)
                {
                    AddHeader(owner, assignment, name, value);
                }

                return;
            }

            if (property.Instance is not { } instance)
            {
                return;
            }

            if (_types.IsResponse(instance.Type))
            {
                VisitResponsePropertySet(instance, assignment, property.Property.Name, value);
            }
            else if (Aliases.ResponseOfHeaders(instance) is { } owner)
            {
                // IHeaderDictionary's typed properties: Headers.Connection, Headers.ContentLength, Headers.ContentType.
                AddHeader(owner, assignment, property.Property.Name.ToLowerInvariant(), value);
            }
        }

        private void VisitResponsePropertySet(IOperation response, IOperation assignment, string name, IOperation value)
        {
            bool listener = _types.IsListenerResponse(response.Type);
            switch (name)
            {
                case "ContentType":
                    Add(EventStreamMarks, response, assignment, value, FramingValues.IsEventStream(FramingValues.ConstantString(value, _types)));
                    break;
                case "ContentLength" when !listener:
                case "ContentLength64" when listener:
                    Add(ContentLengths, response, assignment, value, !FramingValues.IsNull(value));
                    break;
                case "KeepAlive" when listener:
                    Add(ConnectionCloses, response, assignment, value, FramingValues.ConstantBool(value) == false);
                    break;
                case "SendChunked" when listener:
                    Add(SendChunkedWrites, response, assignment, value, true);
                    break;
            }
        }

        private void VisitInvocation(IInvocationOperation invocation)
        {
            string method = invocation.TargetMethod.Name;
            if (method is not ("Add" or "Append" or "TryAdd" or "Set" or "AddHeader" or "AppendHeader"))
            {
                return;
            }

            IArgumentOperation[] arguments = invocation.Arguments
                .Where(argument => argument.Parameter is not null)
                .OrderBy(argument => argument.Parameter!.Ordinal)
                .ToArray();
            IOperation? receiver = invocation.Instance;
            if (invocation.TargetMethod.IsExtensionMethod && arguments.Length > 0)
            {
                receiver = arguments[0].Value;
                arguments = arguments.Skip(1).ToArray();
            }

            IOperation? owner = method is "AddHeader" or "AppendHeader"
                ? (receiver is not null && _types.IsListenerResponse(receiver.Type) ? receiver : null)
                : Aliases.ResponseOfHeaders(receiver);
            if (owner is null)
            {
                return;
            }

            if (arguments.Length == 2 && FramingValues.HeaderName(arguments[0].Value) is { } name)
            {
                AddHeader(owner, invocation, name, arguments[1].Value);
            }
            else if (arguments.Length == 1 && method == "Add" && FramingValues.ConstantString(arguments[0].Value, _types) is { } text && text.IndexOf(':') > 0)
            {
                // WebHeaderCollection.Add("Connection: close") takes the whole header line.
                HeadLine line = HeadLine.Field(text);
                AddHeaderLine(owner, invocation, FramingValues.FoldHeaderName(line.FieldName), line.FieldValue, arguments[0].Value);
            }
        }

        private void AddHeaderLine(IOperation response, IOperation write, string foldedName, string value, IOperation valueOperation)
        {
            switch (foldedName)
            {
                case "contenttype":
                    Add(EventStreamMarks, response, write, valueOperation, FramingValues.IsEventStream(value));
                    break;
                case "connection":
                    Add(ConnectionCloses, response, write, valueOperation, FramingValues.HasCloseOption(value));
                    break;
                case "contentlength":
                    Add(ContentLengths, response, write, valueOperation, applies: true);
                    break;
            }
        }

        private void AddHeader(IOperation response, IOperation write, string foldedName, IOperation value)
        {
            switch (foldedName)
            {
                case "contenttype":
                    Add(EventStreamMarks, response, write, value, FramingValues.IsEventStream(FramingValues.ConstantString(value, _types)));
                    break;
                case "connection":
                    Add(ConnectionCloses, response, write, value, FramingValues.HasCloseOption(FramingValues.ConstantString(value, _types)));
                    break;
                case "contentlength":
                    Add(ContentLengths, response, write, value, !FramingValues.IsNull(value));
                    break;
            }
        }

        private void Add(List<ResponseWrite> facts, IOperation response, IOperation write, IOperation value, bool applies)
        {
            if (applies && Aliases.Resolve(response) is { } key)
            {
                facts.Add(new ResponseWrite(key, response, write, value));
            }
        }
    }
}
