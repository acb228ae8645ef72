using System.Collections.Generic;
using System.Text;
using SseGen.Generator.Model;
using static SseGen.Generator.Emitting.CSharp;

namespace SseGen.Generator.Emitting
{
    /// <summary>
    /// Writes what middleware and API descriptions read of an endpoint: the user's attributes (authorization, CORS, rate
    /// limiting, OpenAPI), the request values, the events of the stream and the 400 when binding can fail.
    /// </summary>
    internal static class EndpointMetadataEmitter
    {
        public static void WriteMetadata(SourceWriter w, EndpointSpec endpoint)
        {
            w.Line("/// <summary>The endpoint's metadata: its API description, the events of the stream, then the attributes of its type and method.</summary>");
            w.Line("public static readonly object[] Metadata = CreateMetadata();");
            w.Line();
            using (w.Block("private static object[] CreateMetadata()"))
            {
                // ApiExplorer, and so OpenAPI, describes only endpoints with a MethodInfo, which MapGet gives a Delegate but not a
                // RequestDelegate; Request's parameters are the request values HandleAsync binds.
                w.Line(TypeNames.MethodInfo + " request = ((" + TypeNames.Delegate + ")" + ApiDescriptionReference(endpoint) + "." + endpoint.OwnerName + ".Request).Method;");
                if (endpoint.RequestValues.Count > 0)
                {
                    w.Line(TypeNames.ParameterInfo + "[] parameters = request.GetParameters();");
                }

                bool describesRejections = endpoint.Outcome is { Rejections.Count: > 0 };
                using (w.Block(describesRejections ? "var metadata = new " + TypeNames.ObjectList : "return new object[]", "};"))
                {
                    w.Line("request,");
                    for (int i = 0; i < endpoint.RequestValues.Count; i++)
                    {
                        w.Line("new " + TypeNames.SseParameterBindingMetadata + "(parameters[" + Literal(i) + "], isOptional: " + Literal(endpoint.RequestValues[i].IsOptionalInRequest) + "),");
                    }

                    WriteResponses(w, endpoint);
                    WriteEvents(w, endpoint.Items);

                    // After SseGen's own, as minimal APIs add a handler's attributes after what they infer: the user's word is last.
                    if (endpoint.Attributes.Count > 0)
                    {
                        // Applying an obsolete attribute already warned where the user wrote it; constructing it again must not fail their build.
                        w.Line("#pragma warning disable CS0612, CS0618");
                        foreach (AttributeSpec attribute in endpoint.Attributes)
                        {
                            w.Line(Construction(attribute) + ",");
                        }

                        w.Line("#pragma warning restore CS0612, CS0618");
                    }
                }

                if (describesRejections)
                {
                    // Each case of the method's Results<...> that is not the stream describes its own status and body.
                    foreach (string rejection in endpoint.Outcome!.Rejections)
                    {
                        w.Line("metadata.AddRange(" + TypeNames.Binding + ".ResultMetadata<" + rejection + ">(request));");
                    }

                    w.Line("return metadata.ToArray();");
                }
            }
        }

        /// <summary>
        /// Writes the never-called method whose parameters describe the request values to ApiExplorer, in a class named after
        /// the endpoint's declaring type: ApiExplorer groups an operation under its method's declaring type, as a controller's.
        /// </summary>
        public static void WriteApiDescription(SourceWriter w, EndpointSpec endpoint)
        {
            w.Line("/// <summary>The request values of <see cref=\"" + endpoint.ClassName + "\"/>, as ApiExplorer and OpenAPI read them.</summary>");
            w.Line(GeneratedCode.Attribute);
            using (w.Block("internal static class " + ApiDescriptionClass(endpoint)))
            {
                w.Line("/// <summary>Named after the endpoint's declaring type, so OpenAPI tags the operation with it, as a controller's actions.</summary>");
                using (w.Block("internal static class " + endpoint.OwnerName))
                {
                    w.Line("/// <summary>The request values <c>HandleAsync</c> binds; never called.</summary>");
                    if (endpoint.RequestValues.Count == 0)
                    {
                        w.Line("internal static void Request()");
                    }
                    else
                    {
                        w.Line("internal static void Request(");
                        w.IndentMore();
                        for (int i = 0; i < endpoint.RequestValues.Count; i++)
                        {
                            w.Line(DescribedParameter(endpoint.RequestValues[i]) + (i < endpoint.RequestValues.Count - 1 ? "," : ")"));
                        }

                        w.IndentLess();
                    }

                    using (w.Block())
                    {
                    }
                }
            }
        }

        private static string ApiDescriptionClass(EndpointSpec endpoint) => endpoint.ClassName + "_ApiDescription";

        private static string ApiDescriptionReference(EndpointSpec endpoint) => endpoint.Route.EndpointClass + "_ApiDescription";

        private static void WriteResponses(SourceWriter w, EndpointSpec endpoint)
        {
            // A union's base type may have no JSON contract (only its derived types need one), so its schema comes
            // from the SseStreamMetadata below, through an OpenAPI transformer, never from the base type.
            ItemSpec items = endpoint.Items;
            string dataTypeOf = items.Kind switch
            {
                ItemKind.Json or ItemKind.SseItemJson => "typeof(" + items.Data!.Unannotated + ")",
                ItemKind.Union => "null",
                _ => "typeof(string)",
            };
            w.Line("new " + TypeNames.ProducesMetadata + "(200, " + dataTypeOf + ", new[] { \"text/event-stream\" }),");
            if (endpoint.CanFailBinding)
            {
                w.Line("new " + TypeNames.ProducesMetadata + "(400, typeof(" + TypeNames.ValidationProblemDetails + "), new[] { \"application/problem+json\" }),");
            }
        }

        private static void WriteEvents(SourceWriter w, ItemSpec items)
        {
            var events = new List<string>();
            if (items.Kind == ItemKind.Union)
            {
                foreach (EventCaseSpec eventCase in items.Cases)
                {
                    events.Add(EventMetadata(Literal(eventCase.EventType), eventCase.Type.FullyQualified));
                }
            }
            else
            {
                // Without an event: field, clients dispatch the event as "message"; an SseItem names its own.
                string eventType = items.Kind is ItemKind.SseItemString or ItemKind.SseItemJson ? "null" : Literal(items.EventType ?? "message");
                events.Add(EventMetadata(eventType, items.Kind is ItemKind.Json or ItemKind.SseItemJson ? items.Data!.Unannotated : "string"));
            }

            w.Line("new " + TypeNames.SseStreamMetadata + "(");
            w.IndentMore();
            for (int i = 0; i < events.Count; i++)
            {
                w.Line(events[i] + (i < events.Count - 1 ? "," : "),"));
            }

            w.IndentLess();
        }

        private static string DescribedParameter(ParameterSpec parameter)
        {
            string attribute = parameter.Source switch
            {
                ParameterSource.Route => TypeNames.FromRoute,
                ParameterSource.Query => TypeNames.FromQuery,
                _ => TypeNames.FromHeader,
            };
            // The validation attributes too, so OpenAPI states their constraints (minimum, maxLength, pattern…).
            var declaration = new StringBuilder("[" + attribute + "(Name = " + Literal(parameter.Key) + ")] ");
            foreach (AttributeSpec validation in parameter.Validation)
            {
                declaration.Append(Application(validation)).Append(' ');
            }

            if (parameter.Source == ParameterSource.LastEventId)
            {
                return declaration + "string? " + parameter.Identifier + (parameter.IsOptionalInRequest ? " = null" : string.Empty);
            }

            return declaration + parameter.Type.FullyQualified + " " + parameter.Identifier + (parameter.IsOptionalInRequest ? " = " + parameter.DefaultValue : string.Empty);
        }

        private static string EventMetadata(string eventType, string dataType) =>
            "new " + TypeNames.SseEventMetadata + "(" + eventType + ", typeof(" + dataType + "))";
    }
}
