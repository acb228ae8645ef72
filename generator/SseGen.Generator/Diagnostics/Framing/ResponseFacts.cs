using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>
    /// What one method does to the heads of its responses: which become event streams, and which get
    /// <c>Connection: close</c>, a Content-Length or a SendChunked value.
    /// </summary>
    internal sealed class ResponseFacts
    {
        // Alias chains are short in real code; the bound only guards against a local initialized from itself.
        private const int MaxAliasDepth = 8;

        private readonly FramingTypes _types;
        private readonly Dictionary<ILocalSymbol, IOperation> _aliases = new(SymbolEqualityComparer.Default);

        private ResponseFacts(FramingTypes types) => _types = types;

        /// <summary>Where a response's content type is set to text/event-stream.</summary>
        public List<ResponseWrite> EventStreamMarks { get; } = new();

        public List<ResponseWrite> ConnectionCloses { get; } = new();

        public List<ResponseWrite> ContentLengths { get; } = new();

        public List<ResponseWrite> SendChunkedWrites { get; } = new();

        public static ResponseFacts Collect(IOperation scope, FramingTypes types)
        {
            var facts = new ResponseFacts(types);
            List<IOperation> operations = FramingScopes.Operations(scope).ToList();
            foreach (IOperation operation in operations)
            {
                if (operation is IVariableDeclaratorOperation declarator && declarator.GetVariableInitializer() is { } initializer)
                {
                    facts._aliases[declarator.Symbol] = initializer.Value;
                }
            }

            foreach (IOperation operation in operations)
            {
                switch (operation)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
                        facts.VisitPropertySet(assignment, property, assignment.Value);
                        break;
                    case IInvocationOperation invocation:
                        facts.VisitInvocation(invocation);
                        break;
                }
            }

            return facts;
        }

        public bool IsEventStream(ResponseRef response) => EventStreamMarks.Any(mark => mark.Response.Equals(response));

        /// <summary>The response an expression denotes, following locals to their initializers.</summary>
        public ResponseRef? Resolve(IOperation operation, int depth = 0)
        {
            switch (FramingValues.Unwrap(operation))
            {
                case ILocalReferenceOperation local:
                    return depth < MaxAliasDepth && _aliases.TryGetValue(local.Local, out IOperation? initializer)
                        ? Resolve(initializer, depth + 1) ?? new ResponseRef(local.Local, string.Empty)
                        : new ResponseRef(local.Local, string.Empty);
                case IParameterReferenceOperation parameter:
                    return new ResponseRef(parameter.Parameter, string.Empty);
                case IInstanceReferenceOperation:
                    return new ResponseRef(null, "this");
                case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                    return property.Instance is null
                        ? new ResponseRef(property.Property, string.Empty)
                        : Resolve(property.Instance, depth)?.Member(property.Property.Name);
                case IFieldReferenceOperation field:
                    return field.Instance is null
                        ? new ResponseRef(field.Field, string.Empty)
                        : Resolve(field.Instance, depth)?.Member(field.Field.Name);
                default:
                    return null;
            }
        }

        /// <summary>
        /// The response whose body an expression writes to: <c>Body</c>, <c>BodyWriter</c> or <c>OutputStream</c>,
        /// a local holding one, or a writer created over one (<c>new StreamWriter(response.Body)</c>).
        /// </summary>
        public IOperation? ResponseOfBody(IOperation? operation, int depth = 0)
        {
            switch (operation is null ? null : FramingValues.Unwrap(operation))
            {
                case IPropertyReferenceOperation { Property.Name: "Body" or "BodyWriter" or "OutputStream", Instance: { } instance } when _types.IsResponse(instance.Type):
                    return instance;
                case ILocalReferenceOperation local when depth < MaxAliasDepth && _aliases.TryGetValue(local.Local, out IOperation? initializer):
                    return ResponseOfBody(initializer, depth + 1);
                case IObjectCreationOperation creation when depth < MaxAliasDepth:
                    return creation.Arguments.Select(argument => ResponseOfBody(argument.Value, depth + 1)).FirstOrDefault(response => response is not null);
                default:
                    return null;
            }
        }

        /// <summary>The response whose header collection an expression is (<c>response.Headers</c>, or a local holding it).</summary>
        private IOperation? ResponseOfHeaders(IOperation? operation, int depth = 0)
        {
            switch (operation is null ? null : FramingValues.Unwrap(operation))
            {
                case IPropertyReferenceOperation { Property.Name: "Headers", Instance: { } instance } when _types.IsResponse(instance.Type):
                    return instance;
                case ILocalReferenceOperation local when depth < MaxAliasDepth && _aliases.TryGetValue(local.Local, out IOperation? initializer):
                    return ResponseOfHeaders(initializer, depth + 1);
                default:
                    return null;
            }
        }

        private void VisitPropertySet(IOperation assignment, IPropertyReferenceOperation property, IOperation value)
        {
            if (property.Property.IsIndexer)
            {
                if (property.Arguments.Length == 1 && ResponseOfHeaders(property.Instance) is { } owner
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
            else if (ResponseOfHeaders(instance) is { } owner)
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
                    Add(EventStreamMarks, response, assignment, value, FramingValues.IsEventStream(FramingValues.ConstantString(value)));
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
                : ResponseOfHeaders(receiver);
            if (owner is null || arguments.Length != 2 || FramingValues.HeaderName(arguments[0].Value) is not { } name)
            {
                return;
            }

            AddHeader(owner, invocation, name, arguments[1].Value);
        }

        private void AddHeader(IOperation response, IOperation write, string foldedName, IOperation value)
        {
            switch (foldedName)
            {
                case "contenttype":
                    Add(EventStreamMarks, response, write, value, FramingValues.IsEventStream(FramingValues.ConstantString(value)));
                    break;
                case "connection":
                    Add(ConnectionCloses, response, write, value, FramingValues.HasCloseOption(FramingValues.ConstantString(value)));
                    break;
                case "contentlength":
                    Add(ContentLengths, response, write, value, !FramingValues.IsNull(value));
                    break;
            }
        }

        private void Add(List<ResponseWrite> facts, IOperation response, IOperation write, IOperation value, bool applies)
        {
            if (applies && Resolve(response) is { } key)
            {
                facts.Add(new ResponseWrite(key, response, write, value));
            }
        }
    }
}
