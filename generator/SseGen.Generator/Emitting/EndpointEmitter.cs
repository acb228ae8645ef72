using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SseGen.Generator.Model;

namespace SseGen.Generator.Emitting
{
    /// <summary>Writes one endpoint class: bind the request (400 before the stream starts), call the method, stream its items.</summary>
    internal static class EndpointEmitter
    {
        private const string JsonTypeInfo = "global::System.Text.Json.Serialization.Metadata.JsonTypeInfo";
        private const string FrameWriter = "global::SseGen.SseFrameWriter";
        private const string Binding = "global::SseGen.SseEndpointBinding";
        private const string ProducesMetadata = "global::Microsoft.AspNetCore.Http.ProducesResponseTypeMetadata";

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
                    WriteClass(w, endpoint);
                }
            }
            else
            {
                WriteClass(w, endpoint);
            }

            return w;
        }

        private static void WriteClass(SourceWriter w, EndpointSpec endpoint)
        {
            List<(string Field, string DataType, string TypeOf)> infos = JsonInfos(endpoint.Items);

            w.Line("/// <summary>Serves <c>GET " + Xml(endpoint.Route.Pattern) + "</c> with <c>" + Xml(endpoint.EndpointName) + "</c>.</summary>");
            w.Line(GeneratedCode.Attribute);
            using (w.Block("internal sealed class " + endpoint.ClassName))
            {
                w.Line("/// <summary>The route pattern of the method's <c>[SseEndpoint]</c>.</summary>");
                w.Line("public const string Pattern = " + Literal(endpoint.Route.Pattern) + ";");
                w.Line();
                WriteOptions(w, endpoint);
                w.Line();
                WriteMetadata(w, endpoint);
                w.Line();
                foreach ((string field, string dataType, _) in infos)
                {
                    w.Line("private readonly " + JsonTypeInfo + "<" + dataType + "> " + field + ";");
                }

                w.Line("private readonly global::System.Action<" + FrameWriter + ", " + endpoint.Items.ItemType + "> _writeItem;");
                w.Line();
                WriteConstructor(w, endpoint, infos);
                w.Line();
                WriteHandler(w, endpoint);
                w.Line();
                WriteItemWriter(w, endpoint.Items, infos);
                w.Line();
                WriteRequestDescription(w, endpoint);
            }
        }

        private static void WriteOptions(SourceWriter w, EndpointSpec endpoint)
        {
            using (w.Block("private static readonly global::SseGen.SseStreamOptions Options = new global::SseGen.SseStreamOptions", "};"))
            {
                w.Line("EndpointName = " + Literal(endpoint.EndpointName) + ",");
                if (endpoint.RetryMilliseconds >= 0)
                {
                    w.Line("RetryMilliseconds = " + endpoint.RetryMilliseconds.ToString(CultureInfo.InvariantCulture) + ",");
                }

                if (endpoint.HeartbeatSeconds == 0)
                {
                    w.Line("HeartbeatInterval = global::System.TimeSpan.Zero,");
                }
                else if (endpoint.HeartbeatSeconds > 0)
                {
                    w.Line("HeartbeatInterval = global::System.TimeSpan.FromSeconds(" + endpoint.HeartbeatSeconds.ToString(CultureInfo.InvariantCulture) + "),");
                }
            }
        }

        private static void WriteMetadata(SourceWriter w, EndpointSpec endpoint)
        {
            ItemSpec items = endpoint.Items;
            List<ParameterSpec> described = DescribedParameters(endpoint);
            w.Line("/// <summary>What API descriptions such as OpenAPI read: the request values, the events of the stream, and the 400 when binding can fail.</summary>");
            w.Line("public static readonly object[] Metadata = CreateMetadata();");
            w.Line();
            using (w.Block("private static object[] CreateMetadata()"))
            {
                // ApiExplorer, and so OpenAPI, describes only endpoints with a MethodInfo, which MapGet gives a Delegate but not a
                // RequestDelegate; Request's parameters are the request values HandleAsync binds.
                w.Line("global::System.Reflection.MethodInfo request = ((global::System.Delegate)Request).Method;");
                if (described.Count > 0)
                {
                    w.Line("global::System.Reflection.ParameterInfo[] parameters = request.GetParameters();");
                }

                using (w.Block("return new object[]", "};"))
                {
                    w.Line("request,");
                    for (int i = 0; i < described.Count; i++)
                    {
                        w.Line("new global::SseGen.SseParameterBindingMetadata(parameters[" + i.ToString(CultureInfo.InvariantCulture) + "], isOptional: " + (IsOptionalInRequest(described[i]) ? "true" : "false") + "),");
                    }

                    // A union's base type may have no JSON contract (only its derived types need one), so its schema comes
                    // from the SseStreamMetadata below, through an OpenAPI transformer, never from the base type.
                    string dataTypeOf = items.Kind switch
                    {
                        ItemKind.Json or ItemKind.SseItemJson => "typeof(" + items.DataTypeOf + ")",
                        ItemKind.Union => "null",
                        _ => "typeof(string)",
                    };
                    w.Line("new " + ProducesMetadata + "(200, " + dataTypeOf + ", new[] { \"text/event-stream\" }),");
                    if (CanFailBinding(endpoint))
                    {
                        w.Line("new " + ProducesMetadata + "(400, typeof(global::Microsoft.AspNetCore.Http.HttpValidationProblemDetails), new[] { \"application/problem+json\" }),");
                    }

                    var events = new List<string>();
                    if (items.Kind == ItemKind.Union)
                    {
                        foreach (EventCaseSpec eventCase in items.Cases)
                        {
                            events.Add(EventMetadata(Literal(eventCase.EventType), eventCase.Type));
                        }
                    }
                    else
                    {
                        // Without an event: field, clients dispatch the event as "message"; an SseItem names its own.
                        string eventType = items.Kind is ItemKind.SseItemString or ItemKind.SseItemJson ? "null" : Literal(items.EventType ?? "message");
                        events.Add(EventMetadata(eventType, items.Kind is ItemKind.Json or ItemKind.SseItemJson ? items.DataTypeOf : "string"));
                    }

                    w.Line("new global::SseGen.SseStreamMetadata(");
                    w.IndentMore();
                    for (int i = 0; i < events.Count; i++)
                    {
                        w.Line(events[i] + (i < events.Count - 1 ? "," : "),"));
                    }

                    w.IndentLess();
                }
            }
        }

        /// <summary>The parameters read from the request, required first: C# wants optional parameters last.</summary>
        private static List<ParameterSpec> DescribedParameters(EndpointSpec endpoint)
        {
            var described = new List<ParameterSpec>();
            foreach (bool optional in new[] { false, true })
            {
                foreach (ParameterSpec parameter in endpoint.Parameters)
                {
                    if (parameter.Parse != ParseKind.None && IsOptionalInRequest(parameter) == optional)
                    {
                        described.Add(parameter);
                    }
                }
            }

            return described;
        }

        // A reconnecting client sends Last-Event-ID; a first connection does not, whatever the parameter's annotation says.
        private static bool IsOptionalInRequest(ParameterSpec parameter) =>
            parameter.IsOptional || parameter.Source == ParameterSource.LastEventId;

        private static void WriteRequestDescription(SourceWriter w, EndpointSpec endpoint)
        {
            List<ParameterSpec> described = DescribedParameters(endpoint);
            w.Line("/// <summary>The request values <see cref=\"HandleAsync\"/> binds, as ApiExplorer and OpenAPI read them; never called.</summary>");
            if (described.Count == 0)
            {
                w.Line("private static void Request()");
            }
            else
            {
                w.Line("private static void Request(");
                w.IndentMore();
                for (int i = 0; i < described.Count; i++)
                {
                    w.Line(DescribedParameter(described[i]) + (i < described.Count - 1 ? "," : ")"));
                }

                w.IndentLess();
            }

            using (w.Block())
            {
            }
        }

        private static string DescribedParameter(ParameterSpec parameter)
        {
            string attribute = parameter.Source switch
            {
                ParameterSource.Route => "global::Microsoft.AspNetCore.Mvc.FromRoute",
                ParameterSource.Query => "global::Microsoft.AspNetCore.Mvc.FromQuery",
                _ => "global::Microsoft.AspNetCore.Mvc.FromHeader",
            };
            string name = SyntaxFacts.GetKeywordKind(parameter.Name) != SyntaxKind.None ? "@" + parameter.Name : parameter.Name;
            string declaration = "[" + attribute + "(Name = " + Literal(parameter.Key) + ")] ";
            if (parameter.Source == ParameterSource.LastEventId)
            {
                return declaration + "string? " + name + " = null";
            }

            return declaration + parameter.Type + " " + name + (parameter.IsOptional ? " = " + parameter.DefaultValue : string.Empty);
        }

        private static string EventMetadata(string eventType, string dataType) =>
            "new global::SseGen.SseEventMetadata(" + eventType + ", typeof(" + dataType + "))";

        /// <summary>Whether a request can get the 400: a value is parsed, or a required string may be missing.</summary>
        private static bool CanFailBinding(EndpointSpec endpoint)
        {
            foreach (ParameterSpec parameter in endpoint.Parameters)
            {
                if (parameter.Parse == ParseKind.None || parameter.Source == ParameterSource.LastEventId)
                {
                    continue;
                }

                if (parameter.Parse != ParseKind.String || !parameter.IsOptional)
                {
                    return true;
                }
            }

            return false;
        }

        private static void WriteConstructor(SourceWriter w, EndpointSpec endpoint, List<(string Field, string DataType, string TypeOf)> infos)
        {
            w.Line("/// <summary>Resolves what every request of the endpoint shares, once.</summary>");
            using (w.Block("public " + endpoint.ClassName + "(global::System.IServiceProvider services)"))
            {
                var requiredServices = new List<string>();
                foreach (ParameterSpec parameter in endpoint.Parameters)
                {
                    if (parameter.Source == ParameterSource.Services && !parameter.IsOptional)
                    {
                        requiredServices.Add("typeof(" + parameter.ParseType + ")");
                    }
                }

                if (requiredServices.Count > 0)
                {
                    w.Line(Binding + ".EnsureServices(services, " + Literal(endpoint.EndpointName) + ", " + string.Join(", ", requiredServices) + ");");
                }

                if (infos.Count > 0)
                {
                    // Contracts come from the app's configured options once per endpoint, never per item.
                    w.Line("global::System.Text.Json.JsonSerializerOptions jsonOptions = " + Binding + ".GetJsonOptions(services);");
                    foreach ((string field, string dataType, string typeOf) in infos)
                    {
                        w.Line(field + " = (" + JsonTypeInfo + "<" + dataType + ">)jsonOptions.GetTypeInfo(typeof(" + typeOf + "));");
                    }
                }

                w.Line("_writeItem = WriteItem;");
            }
        }

        private static void WriteHandler(SourceWriter w, EndpointSpec endpoint)
        {
            w.Line("/// <summary>Binds the request, then streams the method's items; a bad request gets 400 before any event.</summary>");
            using (w.Block("public async global::System.Threading.Tasks.Task HandleAsync(global::Microsoft.AspNetCore.Http.HttpContext httpContext)"))
            {
                bool bindsRequest = false;
                foreach (ParameterSpec parameter in endpoint.Parameters)
                {
                    if (parameter.Parse != ParseKind.None)
                    {
                        if (!bindsRequest)
                        {
                            w.Line("global::System.Collections.Generic.Dictionary<string, string[]>? errors = null;");
                            w.Line();
                            bindsRequest = true;
                        }

                        WriteRequestBinding(w, parameter);
                        w.Line();
                    }
                }

                if (bindsRequest)
                {
                    using (w.Block("if (errors is not null)"))
                    {
                        w.Line("await " + Binding + ".WriteBadRequestAsync(httpContext, errors);");
                        w.Line("return;");
                    }

                    w.Line();
                }

                // StreamAsync links this token with app shutdown and its send timeout for the enumerator it streams.
                w.Line("global::System.Threading.CancellationToken cancellationToken = httpContext.RequestAborted;");
                foreach (ParameterSpec parameter in endpoint.Parameters)
                {
                    if (parameter.Source == ParameterSource.Services)
                    {
                        string resolve = parameter.IsOptional ? "GetService" : "GetRequiredService";
                        w.Line(parameter.Type + " " + Local(parameter) + " = global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions." + resolve + "<" + parameter.ParseType + ">(httpContext.RequestServices);");
                    }
                }

                string target = endpoint.Owner;
                if (endpoint.OwnerKind != OwnerKind.Static)
                {
                    WriteOwner(w, endpoint);
                    target = "instance";
                }

                var arguments = new List<string>(endpoint.Parameters.Count);
                foreach (ParameterSpec parameter in endpoint.Parameters)
                {
                    arguments.Add(Argument(parameter));
                }

                w.Line();
                w.Line("global::System.Collections.Generic.IAsyncEnumerable<" + endpoint.Items.ItemType + "> items = "
                    + (endpoint.Result == ResultKind.Awaitable ? "await " : string.Empty)
                    + target + "." + endpoint.Method + "(" + string.Join(", ", arguments) + ");");
                w.Line("await global::SseGen.SseResponse.StreamAsync(httpContext, items, _writeItem, Options, cancellationToken);");
            }
        }

        private static void WriteOwner(SourceWriter w, EndpointSpec endpoint)
        {
            w.Line(endpoint.Owner + "? instance = global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetService<" + endpoint.Owner + ">(httpContext.RequestServices);");
            using (w.Block("if (instance is null)"))
            {
                w.Line("instance = global::Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<" + endpoint.Owner + ">(httpContext.RequestServices);");
                if (endpoint.OwnerKind == OwnerKind.AsyncDisposable)
                {
                    // DI disposes what it created; what was created here is the endpoint's to dispose, once the stream has ended.
                    w.Line("httpContext.Response.RegisterForDisposeAsync(instance);");
                }
                else if (endpoint.OwnerKind == OwnerKind.Disposable)
                {
                    // DI disposes what it created; what was created here is the endpoint's to dispose, once the stream has ended.
                    w.Line("httpContext.Response.RegisterForDispose(instance);");
                }
            }
        }

        private static void WriteRequestBinding(SourceWriter w, ParameterSpec parameter)
        {
            string local = Local(parameter);
            string key = Literal(parameter.Key);
            string read = parameter.Source switch
            {
                ParameterSource.Route => "httpContext.Request.RouteValues[" + key + "] as string",
                ParameterSource.Query => "(string?)httpContext.Request.Query[" + key + "]",
                _ => "(string?)httpContext.Request.Headers[" + key + "]",
            };
            string where = parameter.Source switch
            {
                ParameterSource.Route => "route",
                ParameterSource.Query => "query string",
                _ => "header",
            };

            if (parameter.Parse == ParseKind.String)
            {
                string fallback = parameter.DefaultValue is "default" or "null" ? string.Empty : " ?? " + parameter.DefaultValue;
                w.Line("string? " + local + " = " + read + fallback + ";");
                if (parameter.Source == ParameterSource.LastEventId && !parameter.Type.EndsWith("?", System.StringComparison.Ordinal))
                {
                    w.Line(local + " ??= string.Empty;");
                }
                else if (!parameter.IsOptional)
                {
                    using (w.Block("if (" + local + " is null)"))
                    {
                        w.Line(Binding + ".AddMissing(ref errors, " + Literal(where) + ", " + key + ");");
                    }
                }

                return;
            }

            string raw = RawLocal(parameter);
            string parse = parameter.Parse == ParseKind.Enum ? "TryParseEnum" : "TryParse";
            w.Line(parameter.Type + " " + local + " = " + parameter.DefaultValue + ";");
            w.Line("string? " + raw + " = " + read + ";");
            if (parameter.IsOptional)
            {
                using (w.Block("if (!string.IsNullOrEmpty(" + raw + "))"))
                {
                    WriteParse(w, parameter, local, raw, parse, where, "if");
                }
            }
            else
            {
                using (w.Block("if (string.IsNullOrEmpty(" + raw + "))"))
                {
                    w.Line(Binding + ".AddMissing(ref errors, " + Literal(where) + ", " + key + ");");
                }

                WriteParse(w, parameter, local, raw, parse, where, "else if");
            }
        }

        private static void WriteParse(SourceWriter w, ParameterSpec parameter, string local, string raw, string parse, string where, string keyword)
        {
            string value = parameter.Name + "_value";
            using (w.Block(keyword + " (" + Binding + "." + parse + "(" + raw + ", out " + parameter.ParseType + " " + value + "))"))
            {
                w.Line(local + " = " + value + ";");
            }

            using (w.Block("else"))
            {
                w.Line(Binding + ".AddInvalid(ref errors, " + Literal(where) + ", " + Literal(parameter.Key) + ", " + raw + ", " + Literal(parameter.ParseType.Replace("global::", string.Empty)) + ");");
            }
        }

        private static void WriteItemWriter(SourceWriter w, ItemSpec items, List<(string Field, string DataType, string TypeOf)> infos)
        {
            string signature = "(" + FrameWriter + " writer, " + items.ItemType + " item)";
            string eventType = items.EventType is null ? string.Empty : ", " + Literal(items.EventType);
            switch (items.Kind)
            {
                case ItemKind.String:
                    w.Line("private static void WriteItem" + signature + " =>");
                    w.Line("    writer.WriteEvent(global::System.MemoryExtensions.AsSpan(item)" + eventType + ");");
                    break;
                case ItemKind.SseItemString:
                    w.Line("private static void WriteItem" + signature + " =>");
                    w.Line("    writer.WriteItem(item);");
                    break;
                case ItemKind.SseItemJson:
                    w.Line("private void WriteItem" + signature + " =>");
                    w.Line("    writer.WriteItem(item, " + infos[0].Field + ");");
                    break;
                case ItemKind.Json:
                    w.Line("private void WriteItem" + signature + " =>");
                    w.Line("    writer.WriteJsonEvent(item, " + infos[0].Field + eventType + ");");
                    break;
                case ItemKind.Union:
                    using (w.Block("private void WriteItem" + signature))
                    {
                        // Each derived type is written under its own event type, with its own contract.
                        using (w.Block("switch (item)"))
                        {
                            for (int i = 0; i < items.Cases.Count; i++)
                            {
                                EventCaseSpec eventCase = items.Cases[i];
                                w.Line("case " + eventCase.Type + " value:");
                                w.IndentMore();
                                w.Line("writer.WriteJsonEvent(value, " + infos[i].Field + ", " + Literal(eventCase.EventType) + ");");
                                w.Line("break;");
                                w.IndentLess();
                            }

                            w.Line("default:");
                            w.IndentMore();
                            w.Line("throw " + Binding + ".UnknownEventType(item, " + Literal(items.ItemType.Replace("global::", string.Empty).TrimEnd('?')) + ");");
                            w.IndentLess();
                        }
                    }

                    break;
            }
        }

        private static List<(string Field, string DataType, string TypeOf)> JsonInfos(ItemSpec items)
        {
            var infos = new List<(string, string, string)>();
            switch (items.Kind)
            {
                case ItemKind.Json:
                    infos.Add(("_itemInfo", items.DataType, items.DataTypeOf));
                    break;
                case ItemKind.SseItemJson:
                    infos.Add(("_dataInfo", items.DataType, items.DataTypeOf));
                    break;
                case ItemKind.Union:
                    var used = new HashSet<string>();
                    foreach (EventCaseSpec eventCase in items.Cases)
                    {
                        string field = "_" + char.ToLowerInvariant(eventCase.Name[0]) + eventCase.Name.Substring(1) + "Info";
                        for (int n = 2; !used.Add(field); n++)
                        {
                            field = "_" + char.ToLowerInvariant(eventCase.Name[0]) + eventCase.Name.Substring(1) + n.ToString(CultureInfo.InvariantCulture) + "Info";
                        }

                        infos.Add((field, eventCase.Type, eventCase.Type));
                    }

                    break;
            }

            return infos;
        }

        private static string Argument(ParameterSpec parameter) => parameter.Source switch
        {
            ParameterSource.HttpContext => "httpContext",
            ParameterSource.CancellationToken => "cancellationToken",
            ParameterSource.LastEventId => Local(parameter),
            // Checked above (a missing value answered 400) or defaulted, so the local is not null here.
            _ when parameter.Parse == ParseKind.String && !parameter.Type.EndsWith("?", System.StringComparison.Ordinal) => Local(parameter) + "!",
            _ => Local(parameter),
        };

        private static string Local(ParameterSpec parameter) => parameter.Name + "_local";

        private static string RawLocal(ParameterSpec parameter) => parameter.Name + "_raw";

        private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        // A line break would end the /// comment and turn the rest of the pattern into code.
        private static string Xml(string text) =>
            text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\r", "&#13;").Replace("\n", "&#10;");
    }
}
