using System.Globalization;
using Microsoft.CodeAnalysis;
using SseGen.Generator.Emitting.TypeScript;
using SseGen.Generator.Model;
using SseGen.Generator.Model.Client;

namespace SseGen.Generator.Emitting
{
    /// <summary>
    /// Writes <c>SseClientScript</c>, the TypeScript client module and its declarations as constants (a generator can add
    /// only C#), and <c>MapSseClientScript</c>, which serves them; the build's <c>SseGenWriteClientScript</c> target writes the
    /// same text to files for a front-end build.
    /// </summary>
    internal static class ClientScriptEmitter
    {
        public const string HintName = "SseClientScript.g.cs";

        /// <summary>The class's name in <see cref="KnownNames.MapperNamespace"/>; the build target reads its constants by these names.</summary>
        public const string ClassName = "SseClientScript";

        public static void Emit(SourceProductionContext context, EquatableArray<ClientEndpointSpec> endpoints, JsonContractSpec contract, string assembly)
        {
            context.AddSource(HintName, Emit(endpoints, contract, assembly).ToSourceText());
        }

        public static SourceWriter Emit(EquatableArray<ClientEndpointSpec> endpoints, JsonContractSpec contract, string assembly)
        {
            string script = ClientModuleEmitter.Script(endpoints, assembly);
            string declarations = ClientModuleEmitter.Declarations(endpoints, contract, assembly);
            var w = new SourceWriter();
            GeneratedCode.WriteHeader(w);
            using (w.Block("namespace " + KnownNames.MapperNamespace))
            {
                w.Line("/// <summary>The TypeScript client of this assembly's <c>[SseEndpoint]</c> methods: an ES module and its declarations.</summary>");
                w.Line(GeneratedCode.Attribute);
                using (w.Block("internal static class " + ClassName))
                {
                    w.Line("/// <summary>The plain ES module: runs in a browser as it is, <c>&lt;script type=\"module\"&gt;</c>, no bundler.</summary>");
                    Constant(w, "Module", script);
                    w.Line();
                    w.Line("/// <summary>The module's TypeScript declarations (<c>.d.ts</c>), for a front end that type-checks.</summary>");
                    Constant(w, "Declarations", declarations);
                    w.Line();
                    w.Line("/// <summary>The entity tag of <see cref=\"Module\"/>: it changes exactly when the module does.</summary>");
                    w.Line("public const string ModuleETag = " + CSharp.Literal(ETag(script)) + ";");
                    w.Line();
                    w.Line("/// <summary>The entity tag of <see cref=\"Declarations\"/>.</summary>");
                    w.Line("public const string DeclarationsETag = " + CSharp.Literal(ETag(declarations)) + ";");
                }
            }

            w.Line();
            using (w.Block("namespace Microsoft.AspNetCore.Builder"))
            {
                w.Line("/// <summary>Serves the TypeScript client of this assembly's <c>[SseEndpoint]</c> methods.</summary>");
                w.Line(GeneratedCode.Attribute);
                using (w.Block("internal static class SseClientScriptEndpointRouteBuilderExtensions"))
                {
                    string scriptClass = "global::" + KnownNames.MapperNamespace + "." + ClassName;
                    w.Lines(
                        "/// <summary>Maps GET <paramref name=\"path\"/> to the client module and the same path ending in <c>.d.ts</c> to its declarations.</summary>\n" +
                        "/// <param name=\"endpoints\">The application or route group to map them in.</param>\n" +
                        "/// <param name=\"path\">Where the module is served; it ends in <c>.js</c>.</param>\n" +
                        "/// <returns>A builder whose conventions apply to both.</returns>");
                    using (w.Block("public static " + TypeNames.RouteGroupBuilder + " MapSseClientScript(this " + TypeNames.EndpointRouteBuilder + " endpoints, string path = \"/sse-client.js\")"))
                    {
                        w.Lines(
                            TypeNames.ArgumentNullException + ".ThrowIfNull(endpoints);\n" +
                            TypeNames.ArgumentNullException + ".ThrowIfNull(path);\n" +
                            "if (!path.EndsWith(\".js\", global::System.StringComparison.Ordinal))\n" +
                            "{\n" +
                            "    throw new global::System.ArgumentException(\"The client module's path must end in '.js', so its '.d.ts' can sit beside it.\", nameof(path));\n" +
                            "}\n" +
                            "\n" +
                            TypeNames.RouteGroupBuilder + " group = " + TypeNames.EndpointRouteBuilderExtensions + ".MapGroup(endpoints, \"\");\n" +
                            TypeNames.EndpointRouteBuilderExtensions + ".MapGet(group, path, new " + TypeNames.RequestDelegate + "(context => Serve(context, " + scriptClass + ".Module, " + scriptClass + ".ModuleETag, \"text/javascript; charset=utf-8\")));\n" +
                            TypeNames.EndpointRouteBuilderExtensions + ".MapGet(group, path.Substring(0, path.Length - 3) + \".d.ts\", new " + TypeNames.RequestDelegate + "(context => Serve(context, " + scriptClass + ".Declarations, " + scriptClass + ".DeclarationsETag, \"application/typescript; charset=utf-8\")));\n" +
                            "// A script, not an API: OpenAPI documents leave it out.\n" +
                            "global::Microsoft.AspNetCore.Http.OpenApiRouteHandlerBuilderExtensions.ExcludeFromDescription(group);\n" +
                            "return group;");
                    }

                    w.Line();
                    using (w.Block("private static " + TypeNames.Task + " Serve(" + TypeNames.HttpContext + " context, string text, string etag, string contentType)"))
                    {
                        // Revalidated on every load: a rebuilt app's page must never run yesterday's client.
                        w.Lines(
                            "context.Response.Headers.ETag = etag;\n" +
                            "context.Response.Headers.CacheControl = \"no-cache\";\n" +
                            "if (context.Request.Headers.IfNoneMatch.ToString() == etag)\n" +
                            "{\n" +
                            "    context.Response.StatusCode = 304;\n" +
                            "    return " + TypeNames.Task + ".CompletedTask;\n" +
                            "}\n" +
                            "\n" +
                            "context.Response.ContentType = contentType;\n" +
                            "return global::Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, text);");
                    }
                }
            }

            return w;
        }

        // One literal per line, joined by +, so the generated file stays readable and a const.
        private static void Constant(SourceWriter w, string name, string text)
        {
            w.Line("public const string " + name + " =");
            w.IndentMore();
            string[] lines = text.Split('\n');
            int last = lines.Length - 1;
            while (last > 0 && lines[last].Length == 0)
            {
                last--;
            }

            for (int i = 0; i <= last; i++)
            {
                w.Line(CSharp.Literal(lines[i] + "\n") + (i == last ? ";" : " +"));
            }

            w.IndentLess();
        }

        /// <summary>A quoted 64-bit FNV-1a of the text: deterministic, and enough to tell two builds' modules apart.</summary>
        private static string ETag(string text)
        {
            ulong hash = 14695981039346656037;
            foreach (char c in text)
            {
                hash = unchecked((hash ^ c) * 1099511628211);
            }

            return "\"" + hash.ToString("x16", CultureInfo.InvariantCulture) + "\"";
        }
    }
}
