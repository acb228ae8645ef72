using Microsoft.CodeAnalysis;
using SseGen.Generator.Model;

namespace SseGen.Generator.Emitting
{
    /// <summary>Writes <c>MapSseEndpoints</c>, which maps every endpoint of the assembly in one route group.</summary>
    internal static class MapExtensionsEmitter
    {
        public const string HintName = "SseEndpointRouteBuilderExtensions.g.cs";

        public static void Emit(SourceProductionContext context, EquatableArray<RouteSpec> routes)
        {
            context.AddSource(HintName, Emit(routes).ToSourceText());
        }

        public static SourceWriter Emit(EquatableArray<RouteSpec> routes)
        {
            var w = new SourceWriter();
            GeneratedCode.WriteHeader(w);

            // In the namespace of MapGet, so Program.cs finds it through the web SDK's implicit usings.
            using (w.Block("namespace Microsoft.AspNetCore.Builder"))
            {
                w.Line("/// <summary>Maps the <c>[SseEndpoint]</c> methods of this assembly.</summary>");
                w.Line(GeneratedCode.Attribute);
                using (w.Block("internal static class SseEndpointRouteBuilderExtensions"))
                {
                    w.Line("/// <summary>Maps every <c>[SseEndpoint]</c> method of this assembly as a GET endpoint.</summary>");
                    w.Line("/// <param name=\"endpoints\">The application or route group to map them in.</param>");
                    w.Line("/// <returns>A builder whose conventions (<c>RequireAuthorization</c>, <c>WithTags</c>, ...) apply to every one of them.</returns>");
                    using (w.Block("public static global::Microsoft.AspNetCore.Routing.RouteGroupBuilder MapSseEndpoints(this global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints)"))
                    {
                        w.Line("global::System.ArgumentNullException.ThrowIfNull(endpoints);");
                        w.Line("global::System.IServiceProvider services = endpoints.ServiceProvider;");
                        w.Line("global::Microsoft.AspNetCore.Routing.RouteGroupBuilder group = global::Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGroup(endpoints, \"\");");
                        foreach (RouteSpec route in routes)
                        {
                            w.Line("Map(group, " + route.EndpointClass + ".Pattern, new " + route.EndpointClass + "(services).HandleAsync, " + route.EndpointClass + ".Metadata);");
                        }

                        w.Line("return group;");
                    }

                    w.Line();

                    // A RequestDelegate, not a Delegate: the MapGet overload that needs no reflection.
                    using (w.Block("private static void Map(global::Microsoft.AspNetCore.Routing.RouteGroupBuilder group, string pattern, global::Microsoft.AspNetCore.Http.RequestDelegate handler, object[] metadata)"))
                    {
                        w.Line("global::Microsoft.AspNetCore.Builder.RoutingEndpointConventionBuilderExtensions.WithMetadata(");
                        w.Line("    global::Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(group, pattern, handler),");
                        w.Line("    metadata);");
                    }
                }
            }

            return w;
        }
    }
}
