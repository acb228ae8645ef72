using Microsoft.CodeAnalysis;
using SseGen.Generator.Model;

namespace SseGen.Generator.Emitting
{
    /// <summary>
    /// Writes the public mapper of an assembly's endpoints and the <c>[assembly: SseEndpointAssembly]</c> that points at it,
    /// so the <c>MapSseEndpoints</c> of an application referencing the assembly maps them too.
    /// </summary>
    internal static class AssemblyMapperEmitter
    {
        public const string HintName = "SseEndpointAssemblyMapper.g.cs";

        public static void Emit(SourceProductionContext context, EquatableArray<RouteSpec> routes, string mapperName)
        {
            context.AddSource(HintName, Emit(routes, mapperName).ToSourceText());
        }

        public static SourceWriter Emit(EquatableArray<RouteSpec> routes, string mapperName)
        {
            string mapper = "global::" + KnownNames.MapperNamespace + "." + mapperName;
            var w = new SourceWriter();
            GeneratedCode.WriteHeader(w);
            w.Line("[assembly: global::" + KnownNames.SseEndpointAssemblyAttribute + "(typeof(" + mapper + "))]");
            w.Line();

            using (w.Block("namespace " + KnownNames.MapperNamespace))
            {
                w.Line("/// <summary>Maps the <c>[SseEndpoint]</c> methods of this assembly for the <c>MapSseEndpoints</c> of an assembly that references it.</summary>");
                w.Line(GeneratedCode.Attribute);

                // Public only so a referencing assembly's generated code can call it: hidden from completion, never written by hand.
                w.Line("[" + TypeNames.EditorBrowsable + "(" + TypeNames.EditorBrowsableState + ".Never)]");
                using (w.Block("public static class " + mapperName))
                {
                    w.Lines(
                        "/// <summary>Maps every <c>[SseEndpoint]</c> method of this assembly, and none of the assemblies it references, as a GET endpoint.</summary>\n" +
                        "/// <param name=\"endpoints\">The route group of the referencing assembly's <c>MapSseEndpoints</c>, whose conventions reach these endpoints; its services serve them.</param>");
                    using (w.Block("public static void " + KnownNames.MapEndpointsMethod + "(" + TypeNames.EndpointRouteBuilder + " endpoints)"))
                    {
                        w.Lines(
                            TypeNames.ArgumentNullException + ".ThrowIfNull(endpoints);\n" +
                            TypeNames.ServiceProvider + " services = endpoints.ServiceProvider;");
                        foreach (RouteSpec route in routes)
                        {
                            w.Line("Map(endpoints, " + route.EndpointClass + ".Pattern, new " + route.EndpointClass + "(services).HandleAsync, " + route.EndpointClass + ".Metadata);");
                        }
                    }

                    w.Line();

                    // A RequestDelegate, not a Delegate: the MapGet overload that needs no reflection.
                    w.Lines(
                        "private static void Map(" + TypeNames.EndpointRouteBuilder + " endpoints, string pattern, " + TypeNames.RequestDelegate + " handler, object[] metadata) =>\n" +
                        "    " + TypeNames.RoutingConventionExtensions + ".WithMetadata(\n" +
                        "        " + TypeNames.EndpointRouteBuilderExtensions + ".MapGet(endpoints, pattern, handler),\n" +
                        "        metadata);");
                }
            }

            return w;
        }
    }
}
