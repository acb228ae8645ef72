using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SseGen.Generator.Model;
using SseGen.Generator.Parsing;
using static SseGen.Generator.Emitting.CSharp;
using N = SseGen.Generator.Emitting.Client.ClientTypeNames;

namespace SseGen.Generator.Emitting.Client
{
    /// <summary>
    /// Writes the body of an <c>[SseClient]</c> class: each contract method builds its request from the same route and
    /// parameter model the server binds with, and reads events back as the server writes them. No reflection: JSON goes
    /// through the named context's <c>JsonTypeInfo</c>.
    /// </summary>
    internal static class ClientEmitter
    {
        // The event a resume gets when its id is no longer held (ISseReplayStore.HistoryLostEventType on the server).
        private const string HistoryLostEventType = "history-lost";

        public static void Emit(SourceProductionContext context, ContractClientSpec client)
        {
            context.AddSource(client.HintName, Emit(client).ToSourceText());
        }

        public static SourceWriter Emit(ContractClientSpec client)
        {
            var w = new SourceWriter();
            GeneratedCode.WriteHeader(w);
            if (client.Namespace.Length > 0)
            {
                using (w.Block("namespace " + client.Namespace))
                {
                    WriteClass(w, client);
                }
            }
            else
            {
                WriteClass(w, client);
            }

            return w;
        }

        private static void WriteClass(SourceWriter w, ContractClientSpec client)
        {
            string self = (client.Namespace.Length == 0 ? "global::" : "global::" + client.Namespace + ".") + client.ClassName;
            Dictionary<string, string> jsonFields = JsonFields(client);
            string[] readers = ReaderNames(client);

            w.Line("/// <summary>Streams <see cref=\"" + client.Contract.Unannotated + "\"/> from its server over an <see cref=\"" + N.SseClient + "\"/>.</summary>");
            w.Line(GeneratedCode.Attribute);
            using (w.Block("partial class " + client.ClassName + " : " + client.Contract.Unannotated + ", " + N.GeneratedClient + "<" + self + ">"))
            {
                w.Line("private readonly " + N.SseClient + " _client;");
                if (jsonFields.Count > 0)
                {
                    // As the server reads the context: a resolver under ASP.NET Core's web defaults (camelCase), whatever the
                    // context's own options; declared first, so it is set before the contracts below are taken from it.
                    w.Line("private static readonly " + TypeNames.JsonSerializerOptions + " s_jsonOptions = new " + TypeNames.JsonSerializerOptions
                        + "(global::System.Text.Json.JsonSerializerDefaults.Web) { TypeInfoResolver = " + client.JsonContext + ".Default };");
                }

                foreach (KeyValuePair<string, string> json in jsonFields.OrderBy(j => j.Value, System.StringComparer.Ordinal))
                {
                    // Once per client type: the context's contract, never a reflection-based one.
                    w.Line("private static readonly " + TypeNames.JsonTypeInfo + "<" + json.Key + "> " + json.Value + " = ("
                        + TypeNames.JsonTypeInfo + "<" + json.Key + ">)s_jsonOptions.GetTypeInfo(typeof(" + json.Key + "));");
                }

                w.Line();
                w.Line("/// <summary>Creates the client over <paramref name=\"client\"/>, which reconnects and resumes every stream.</summary>");
                using (w.Block("public " + client.ClassName + "(" + N.SseClient + " client)"))
                {
                    w.Line("_client = client ?? throw new " + TypeNames.ArgumentNullException + "(nameof(client));");
                }

                w.Line();
                w.Line("/// <inheritdoc />");
                w.Line("public static " + self + " Create(" + N.SseClient + " client) => new " + self + "(client);");
                for (int i = 0; i < client.Methods.Count; i++)
                {
                    w.Line();
                    WriteMethod(w, client, client.Methods[i], readers[i]);
                    w.Line();
                    WriteReader(w, client.Methods[i].Endpoint.Items, readers[i], jsonFields);
                }
            }
        }

        private static void WriteMethod(SourceWriter w, ContractClientSpec client, ClientMethodSpec method, string reader)
        {
            EndpointSpec endpoint = method.Endpoint;
            string parameters = string.Join(", ", endpoint.Parameters.Select(p => p.Type.FullyQualified + " " + p.Identifier));
            using (w.Block(TypeNames.AsyncEnumerable + "<" + endpoint.Items.ItemType.FullyQualified + "> " + client.Contract.Unannotated + "." + endpoint.Method + "(" + parameters + ")"))
            {
                string path = string.Join(" + ", method.Path.Select(p => p.IsParameter ? N.SseClientUri + ".Route(" + p.Text + ")" : Literal(p.Text)));
                ParameterSpec[] query = endpoint.Parameters.Where(p => p.Source == ParameterSource.Query).ToArray();
                ParameterSpec[] headers = endpoint.Parameters.Where(p => p.Source == ParameterSource.Header).ToArray();
                ParameterSpec? lastEventId = endpoint.Parameters.FirstOrDefault(p => p.Source == ParameterSource.LastEventId);
                ParameterSpec? token = endpoint.Parameters.FirstOrDefault(p => p.Source == ParameterSource.CancellationToken);

                if (query.Length > 0)
                {
                    w.Line(N.StringBuilder + "? query = null;");
                    foreach (ParameterSpec parameter in query)
                    {
                        WhenSent(w, parameter, N.SseClientUri + ".AddQuery(ref query, " + Literal(parameter.Key) + ", " + parameter.Identifier + ");");
                    }
                }

                string construction = "new " + N.SseClientRequest + "(" + N.SseClientUri + ".Build(" + path + ", " + (query.Length > 0 ? "query" : "null") + "))";
                if (lastEventId is null && headers.Length == 0 && endpoint.EndSentinel is null)
                {
                    w.Line(N.SseClientRequest + " request = " + construction + ";");
                }
                else
                {
                    using (w.Block(N.SseClientRequest + " request = " + construction, "};"))
                    {
                        if (lastEventId is not null)
                        {
                            w.Line("LastEventId = " + lastEventId.Identifier + ",");
                        }

                        if (endpoint.EndSentinel is not null)
                        {
                            // The server writes it when the items run out: the stream is complete, not to be resumed.
                            w.Line("EndSentinel = " + Literal(endpoint.EndSentinel) + ",");
                        }

                        if (headers.Length > 0)
                        {
                            using (w.Block("ConfigureRequest = message =>", "},"))
                            {
                                foreach (ParameterSpec header in headers)
                                {
                                    WhenSent(w, header, "message.Headers.TryAddWithoutValidation(" + Literal(header.Key) + ", " + N.SseClientUri + ".Format(" + header.Identifier + "));");
                                }
                            }
                        }
                    }
                }

                string ct = token?.Identifier ?? "default";
                // Items with their types and ids when the contract returns SseItem<T>; else the values alone, with no id
                // decoded per event.
                bool keepsItems = endpoint.Items.Kind is ItemKind.SseItemString or ItemKind.SseItemJson;
                string streamMethod = keepsItems ? "StreamAsync" : "StreamDataAsync";
                w.Line("return _client." + streamMethod + "<" + ReadType(endpoint.Items) + ">(request, " + reader + ", " + ct + ");");
            }
        }

        /// <summary>Sends a value as the server reads it: an optional one only when it is not null or its declared default.</summary>
        private static void WhenSent(SourceWriter w, ParameterSpec parameter, string statement)
        {
            string? condition = parameter.HasDefaultValue
                ? "!" + N.EqualityComparer + "<" + parameter.Type.FullyQualified + ">.Default.Equals(" + parameter.Identifier + ", " + parameter.DefaultValue + ")"
                : parameter.Type.IsNullable ? parameter.Identifier + " is not null" : null;
            if (condition is null)
            {
                w.Line(statement);
                return;
            }

            using (w.Block("if (" + condition + ")"))
            {
                w.Line(statement);
            }
        }

        private static void WriteReader(SourceWriter w, ItemSpec items, string name, Dictionary<string, string> jsonFields)
        {
            string type = ReadType(items);
            using (w.Block("private static bool " + name + "(string eventType, " + N.ReadOnlyByteSpan + " data, out " + type + " value)"))
            {
                switch (items.Kind)
                {
                    case ItemKind.String:
                    case ItemKind.Json:
                        // The server writes these under one event type; any other is not this stream's, skipped and counted.
                        using (w.Block("if (eventType != " + Literal(items.EventType ?? "message") + ")"))
                        {
                            w.Line("value = default!;");
                            w.Line("return false;");
                        }

                        w.Line();
                        w.Line("value = " + Decode(items.Kind == ItemKind.String ? null : items.Data, jsonFields) + ";");
                        w.Line("return true;");
                        break;
                    case ItemKind.SseItemString:
                        w.Line("value = " + Decode(null, jsonFields) + ";");
                        w.Line("return true;");
                        break;
                    case ItemKind.SseItemJson:
                        // Every type is the stream's but the resume's history-lost, whose data is the id the client sent,
                        // not JSON of the item: skipped and counted, as a T stream skips it, never decoded as an item.
                        using (w.Block("if (eventType == " + Literal(HistoryLostEventType) + ")"))
                        {
                            w.Line("value = default!;");
                            w.Line("return false;");
                        }

                        w.Line();
                        w.Line("value = " + Decode(items.Data, jsonFields) + ";");
                        w.Line("return true;");
                        break;
                    case ItemKind.Union:
                        using (w.Block("switch (eventType)"))
                        {
                            foreach (EventCaseSpec eventCase in items.Cases)
                            {
                                w.Line("case " + Literal(eventCase.EventType) + ":");
                                w.IndentMore();
                                w.Line("value = " + Decode(eventCase.Type, jsonFields) + ";");
                                w.Line("return true;");
                                w.IndentLess();
                            }

                            w.Line("default:");
                            w.IndentMore();
                            w.Line("value = default!;");
                            w.Line("return false;");
                            w.IndentLess();
                        }

                        break;
                }
            }
        }

        private static string Decode(TypeRef? json, Dictionary<string, string> jsonFields) =>
            json is null
                ? N.Utf8 + ".GetString(data)"
                : N.JsonSerializer + ".Deserialize(data, " + jsonFields[json.Unannotated] + ")!";

        /// <summary>What the reader turns each event into: the data of an <c>SseItem</c>, or the item itself.</summary>
        private static string ReadType(ItemSpec items) => items.Kind switch
        {
            ItemKind.SseItemString => "string",
            ItemKind.SseItemJson => items.Data!.FullyQualified,
            _ => items.ItemType.FullyQualified,
        };

        private static Dictionary<string, string> JsonFields(ContractClientSpec client)
        {
            var fields = new Dictionary<string, string>(System.StringComparer.Ordinal);
            var used = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (TypeRef type in client.Methods.SelectMany(m => ContractClientParser.JsonTypes(m.Endpoint.Items)))
            {
                if (!fields.ContainsKey(type.Unannotated))
                {
                    string simple = type.Display.Split('.').Last();
                    string stem = "s_" + char.ToLowerInvariant(simple[0]) + simple.Substring(1);
                    string field = stem + "Info";
                    for (int n = 2; !used.Add(field); n++)
                    {
                        field = stem + Literal(n) + "Info";
                    }

                    fields.Add(type.Unannotated, field);
                }
            }

            return fields;
        }

        private static string[] ReaderNames(ContractClientSpec client)
        {
            var used = new HashSet<string>(System.StringComparer.Ordinal);
            var names = new string[client.Methods.Count];
            for (int i = 0; i < names.Length; i++)
            {
                string stem = "Read" + client.Methods[i].Endpoint.Method.TrimStart('@');
                string name = stem;
                for (int n = 2; !used.Add(name); n++)
                {
                    name = stem + Literal(n);
                }

                names[i] = name;
            }

            return names;
        }
    }
}
