using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using SseGen.Generator.Model;
using static SseGen.Generator.Emitting.CSharp;

namespace SseGen.Generator.Emitting
{
    /// <summary>
    /// Writes one endpoint's file: the endpoint class (settings, shared contracts, the handler that binds, calls and streams)
    /// and its API description. Binding, metadata and item writers each have an emitter of their own.
    /// </summary>
    internal static class EndpointEmitter
    {
        public static void Emit(SourceProductionContext context, EndpointSpec endpoint)
        {
            context.AddSource(endpoint.HintName, Emit(endpoint).ToSourceText());
        }

        public static SourceWriter Emit(EndpointSpec endpoint)
        {
            var w = new SourceWriter();
            GeneratedCode.WriteHeader(w);
            if (endpoint.Namespace.Length > 0)
            {
                using (w.Block("namespace " + endpoint.Namespace))
                {
                    WriteTypes(w, endpoint);
                }
            }
            else
            {
                WriteTypes(w, endpoint);
            }

            return w;
        }

        private static void WriteTypes(SourceWriter w, EndpointSpec endpoint)
        {
            WriteClass(w, endpoint);
            w.Line();
            EndpointMetadataEmitter.WriteApiDescription(w, endpoint);
        }

        private static void WriteClass(SourceWriter w, EndpointSpec endpoint)
        {
            IReadOnlyList<JsonContract> contracts = ItemWriterEmitter.Contracts(endpoint.Items);

            w.Line("/// <summary>Serves <c>GET " + Xml(endpoint.Route.Pattern) + "</c> with <c>" + Xml(endpoint.EndpointName) + "</c>.</summary>");
            w.Line(GeneratedCode.Attribute);
            using (w.Block("internal sealed class " + endpoint.ClassName))
            {
                w.Line("/// <summary>The route pattern of the method's <c>[SseEndpoint]</c>.</summary>");
                w.Line("public const string Pattern = " + Literal(endpoint.Route.Pattern) + ";");
                w.Line();
                WriteOptions(w, endpoint);
                w.Line();
                EndpointMetadataEmitter.WriteMetadata(w, endpoint);
                w.Line();
                RequestBindingEmitter.WriteValidators(w, endpoint);
                foreach (JsonContract contract in contracts)
                {
                    w.Line("private readonly " + TypeNames.JsonTypeInfo + "<" + contract.DataType + "> " + contract.Field + ";");
                }

                w.Line("private readonly " + TypeNames.Action + "<" + TypeNames.FrameWriter + ", " + endpoint.Items.ItemType.FullyQualified + "> _writeItem;");
                w.Line();
                WriteConstructor(w, endpoint, contracts);
                w.Line();
                WriteHandler(w, endpoint);
                w.Line();
                ItemWriterEmitter.WriteItemWriter(w, endpoint.Items, contracts);
            }
        }

        private static void WriteOptions(SourceWriter w, EndpointSpec endpoint)
        {
            using (w.Block("private static readonly " + TypeNames.SseStreamOptions + " Options = new " + TypeNames.SseStreamOptions, "};"))
            {
                w.Line("EndpointName = " + Literal(endpoint.EndpointName) + ",");
                if (endpoint.RetryMilliseconds >= 0)
                {
                    w.Line("RetryMilliseconds = " + Literal(endpoint.RetryMilliseconds) + ",");
                }

                if (endpoint.HeartbeatSeconds == 0)
                {
                    w.Line("HeartbeatInterval = " + TypeNames.TimeSpan + ".Zero,");
                }
                else if (endpoint.HeartbeatSeconds > 0)
                {
                    w.Line("HeartbeatInterval = " + TypeNames.TimeSpan + ".FromSeconds(" + Literal(endpoint.HeartbeatSeconds) + "),");
                }

                if (endpoint.EndSentinel is not null)
                {
                    w.Line("EndSentinel = " + Literal(endpoint.EndSentinel) + ",");
                }
            }
        }

        private static void WriteConstructor(SourceWriter w, EndpointSpec endpoint, IReadOnlyList<JsonContract> contracts)
        {
            w.Line("/// <summary>Resolves what every request of the endpoint shares, once.</summary>");
            using (w.Block("public " + endpoint.ClassName + "(" + TypeNames.ServiceProvider + " services)"))
            {
                var requiredServices = new List<string>();
                if (endpoint.OwnerKind == OwnerKind.Contract)
                {
                    // A contract has no constructor to fall back on: its implementation must be registered, and startup says so.
                    requiredServices.Add("typeof(" + endpoint.Owner.Unannotated + ")");
                }

                foreach (ParameterSpec parameter in endpoint.Parameters)
                {
                    if (parameter.Source == ParameterSource.Services && !parameter.IsOptional)
                    {
                        requiredServices.Add("typeof(" + parameter.ParseType.FullyQualified + ")");
                    }
                }

                if (requiredServices.Count > 0)
                {
                    w.Line(TypeNames.Binding + ".EnsureServices(services, " + Literal(endpoint.EndpointName) + ", " + string.Join(", ", requiredServices) + ");");
                }

                if (contracts.Count > 0)
                {
                    // Contracts come from the app's configured options once per endpoint, never per item.
                    w.Line(TypeNames.JsonSerializerOptions + " jsonOptions = " + TypeNames.Binding + ".GetJsonOptions(services);");
                    foreach (JsonContract contract in contracts)
                    {
                        w.Line(contract.Field + " = " + TypeNames.Binding + ".GetJsonTypeInfo<" + contract.DataType + ">(jsonOptions);");
                    }
                }

                w.Line("_writeItem = WriteItem;");
            }
        }

        private static void WriteHandler(SourceWriter w, EndpointSpec endpoint)
        {
            w.Line("/// <summary>Binds the request, then streams the method's items; a bad request gets 400 before any event.</summary>");
            using (w.Block("public " + (IsAsyncHandler(endpoint) ? "async " : string.Empty) + TypeNames.Task + " HandleAsync(" + TypeNames.HttpContext + " httpContext)"))
            {
                RequestBindingEmitter.WriteRequestBinding(w, endpoint);

                // The connection's token; StreamAsync also ends the items when the host stops (a source of their own, or a stopped subscription).
                w.Line(TypeNames.CancellationToken + " cancellationToken = httpContext.RequestAborted;");
                RequestBindingEmitter.WriteServices(w, endpoint);

                string target = endpoint.Owner.FullyQualified;
                if (endpoint.OwnerKind != OwnerKind.Static)
                {
                    WriteOwner(w, endpoint);
                    target = "instance";
                }

                w.Line();
                string call = (endpoint.Result == ResultKind.Awaitable ? "await " : string.Empty)
                    + target + "." + endpoint.Method + "(" + RequestBindingEmitter.Arguments(endpoint) + ");";
                if (endpoint.Outcome is not { } outcome)
                {
                    WriteCall(w, endpoint, TypeNames.AsyncEnumerable + "<" + endpoint.Items.ItemType.FullyQualified + ">", "items", call);
                    WriteAnswer(w, endpoint, TypeNames.SseResponse + ".StreamAsync(httpContext, items, _writeItem, Options, cancellationToken)", last: true);
                    return;
                }

                WriteCall(w, endpoint, outcome.ResultsType, "result", call);
                using (w.Block("if (result.Result is " + outcome.StreamType + " stream)"))
                {
                    // The endpoint's own writer, event names and settings, not the result's: the generator checked them.
                    w.Line("await " + TypeNames.SseResponse + ".StreamAsync(httpContext, stream.Items, _writeItem, Options, cancellationToken);");
                }

                using (w.Block("else"))
                {
                    // Nothing is written yet: the result answers with its own status and body, as from a minimal API handler.
                    w.Line("await result.ExecuteAsync(httpContext);");
                }
            }
        }

        /// <summary>
        /// Calls the method. A method that returns frames (a topic's subscription, a relay) typically builds a topic name
        /// from the request in its body, before the stream: a name that breaks the rule is then the client's error, a 400.
        /// So may a contract's method: a contract cannot name a subscription, its implementation returns one as items.
        /// </summary>
        private static void WriteCall(SourceWriter w, EndpointSpec endpoint, string type, string local, string call)
        {
            if (!endpoint.Items.IsEncodedFrame && endpoint.OwnerKind != OwnerKind.Contract)
            {
                w.Line(type + " " + local + " = " + call);
                return;
            }

            w.Line(type + " " + local + ";");
            using (w.Block("try"))
            {
                w.Line(local + " = " + call);
            }

            using (w.Block("catch (" + TypeNames.SseTopicNameException + " exception)"))
            {
                WriteAnswer(w, endpoint, TypeNames.Binding + ".WriteTopicNameProblemAsync(httpContext, exception)");
            }

            w.Line();
        }

        /// <summary>
        /// Whether the handler awaits anything before its answer. One that does not returns its answer's task rather than
        /// awaiting it, so a stream that waits for events holds no handler state machine beside the response's (112 bytes
        /// on every idle stream).
        /// </summary>
        private static bool IsAsyncHandler(EndpointSpec endpoint) => endpoint.Result == ResultKind.Awaitable || endpoint.Outcome is not null;

        /// <summary>
        /// Answers the request with <paramref name="task"/> and leaves the handler: awaited then returned from, or returned.
        /// <paramref name="last"/>: the handler's last statement, after which an async handler needs no <c>return</c>.
        /// </summary>
        internal static void WriteAnswer(SourceWriter w, EndpointSpec endpoint, string task, bool last = false)
        {
            if (!IsAsyncHandler(endpoint))
            {
                w.Line("return " + task + ";");
                return;
            }

            w.Line("await " + task + ";");
            if (!last)
            {
                w.Line("return;");
            }
        }

        private static void WriteOwner(SourceWriter w, EndpointSpec endpoint)
        {
            if (endpoint.OwnerKind == OwnerKind.Contract)
            {
                w.Line(endpoint.Owner.FullyQualified + " instance = " + TypeNames.ServiceProviderExtensions + ".GetRequiredService<" + endpoint.Owner.FullyQualified + ">(httpContext.RequestServices);");
                return;
            }

            w.Line(endpoint.Owner.FullyQualified + "? instance = " + TypeNames.ServiceProviderExtensions + ".GetService<" + endpoint.Owner.FullyQualified + ">(httpContext.RequestServices);");
            using (w.Block("if (instance is null)"))
            {
                w.Line("instance = " + TypeNames.ActivatorUtilities + ".CreateInstance<" + endpoint.Owner.FullyQualified + ">(httpContext.RequestServices);");
                if (endpoint.OwnerKind is OwnerKind.AsyncDisposable or OwnerKind.Disposable)
                {
                    // DI disposes what it created; what was created here is the endpoint's to dispose, once the stream has ended.
                    w.Line("httpContext.Response." + (endpoint.OwnerKind == OwnerKind.AsyncDisposable ? "RegisterForDisposeAsync" : "RegisterForDispose") + "(instance);");
                }
            }
        }
    }
}
