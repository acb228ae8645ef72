using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SseGen.Generator.Model;

namespace SseGen.Generator.Emitting
{
    /// <summary>
    /// Writes <c>MapSseEndpoints</c>, which maps every endpoint of the assembly, then those of the referenced assemblies
    /// through their mappers, in one route group, and <c>SseEndpointConventions</c>, which hands out each of the assembly's
    /// own endpoints' builder by declaring type and method.
    /// </summary>
    internal static class MapExtensionsEmitter
    {
        public const string HintName = "SseEndpointRouteBuilderExtensions.g.cs";

        public static void Emit(SourceProductionContext context, EquatableArray<RouteSpec> routes, EquatableArray<string> libraries)
        {
            context.AddSource(HintName, Emit(routes, libraries).ToSourceText());
        }

        public static SourceWriter Emit(EquatableArray<RouteSpec> routes, EquatableArray<string> libraries)
        {
            List<OwnerGroup> owners = Owners(routes);
            var w = new SourceWriter();
            GeneratedCode.WriteHeader(w);

            // In the namespace of MapGet, so Program.cs finds it through the web SDK's implicit usings.
            using (w.Block("namespace Microsoft.AspNetCore.Builder"))
            {
                WriteExtensions(w, routes, libraries, owners);
                w.Line();
                WriteConventions(w, owners);
            }

            return w;
        }

        private static void WriteExtensions(SourceWriter w, EquatableArray<RouteSpec> routes, EquatableArray<string> libraries, List<OwnerGroup> owners)
        {
            // The text of a single-assembly project stays as it was: only a project that references endpoints says so.
            bool referencing = libraries.Count > 0;
            string whose = referencing ? "this assembly and of the assemblies it references" : "this assembly";
            w.Line("/// <summary>Maps the <c>[SseEndpoint]</c> methods of " + whose + ".</summary>");
            w.Line(GeneratedCode.Attribute);
            using (w.Block("internal static class SseEndpointRouteBuilderExtensions"))
            {
                w.Lines(
                    "/// <summary>Maps every <c>[SseEndpoint]</c> method of " + whose + " as a GET endpoint.</summary>\n" +
                    "/// <param name=\"endpoints\">The application or route group to map them in.</param>\n" +
                    "/// <param name=\"configure\">Adds conventions to single endpoints, reached by declaring type and method: <c>sse => sse.Feeds.Ticks.RequireAuthorization()</c>." +
                    (referencing ? " Endpoints of referenced assemblies are not among them: they take their own attributes and the returned builder's conventions." : string.Empty) +
                    "</param>\n" +
                    "/// <returns>A builder whose conventions (<c>RequireAuthorization</c>, <c>WithTags</c>, ...) apply to every one of them.</returns>");
                using (w.Block("public static " + TypeNames.RouteGroupBuilder + " MapSseEndpoints(this " + TypeNames.EndpointRouteBuilder + " endpoints, " + TypeNames.Action + "<SseEndpointConventions>? configure = null)"))
                {
                    w.Lines(
                        TypeNames.ArgumentNullException + ".ThrowIfNull(endpoints);\n" +
                        TypeNames.ServiceProvider + " services = endpoints.ServiceProvider;\n" +
                        TypeNames.RouteGroupBuilder + " group = " + TypeNames.EndpointRouteBuilderExtensions + ".MapGroup(endpoints, \"\");\n" +
                        "var conventions = new SseEndpointConventions();");
                    foreach (RouteSpec route in routes)
                    {
                        OwnerGroup owner = owners.First(o => o.Owner == route.Owner);
                        w.Line("conventions." + owner.Property + "." + route.Member + " = Map(group, " + route.EndpointClass + ".Pattern, new " + route.EndpointClass + "(services).HandleAsync, " + route.EndpointClass + ".Metadata);");
                    }

                    if (referencing)
                    {
                        w.Line("// Each referenced assembly maps only its own endpoints, into this group, so the group's conventions reach them too.");
                    }

                    foreach (string library in libraries)
                    {
                        w.Line(library + "." + KnownNames.MapEndpointsMethod + "(group);");
                    }

                    w.Lines(
                        "configure?.Invoke(conventions);\n" +
                        "return group;");
                }

                w.Line();

                // A RequestDelegate, not a Delegate: the MapGet overload that needs no reflection.
                w.Lines(
                    "private static " + TypeNames.EndpointConventionBuilder + " Map(" + TypeNames.RouteGroupBuilder + " group, string pattern, " + TypeNames.RequestDelegate + " handler, object[] metadata) =>\n" +
                    "    " + TypeNames.RoutingConventionExtensions + ".WithMetadata(\n" +
                    "        " + TypeNames.EndpointRouteBuilderExtensions + ".MapGet(group, pattern, handler),\n" +
                    "        metadata);");
            }
        }

        private static void WriteConventions(SourceWriter w, List<OwnerGroup> owners)
        {
            w.Line("/// <summary>The builder of each endpoint <c>MapSseEndpoints</c> mapped, by declaring type, then method.</summary>");
            w.Line(GeneratedCode.Attribute);
            using (w.Block("internal sealed class SseEndpointConventions"))
            {
                for (int i = 0; i < owners.Count; i++)
                {
                    OwnerGroup owner = owners[i];
                    if (i > 0)
                    {
                        w.Line();
                    }

                    w.Line("/// <summary>The endpoints declared in <c>" + owner.Property + "</c>.</summary>");
                    w.Line("public " + owner.Property + "Endpoints " + owner.Property + " { get; } = new " + owner.Property + "Endpoints();");
                }

                foreach (OwnerGroup owner in owners)
                {
                    w.Line();
                    w.Line("/// <summary>The builders of the endpoints declared in <c>" + owner.Property + "</c>.</summary>");
                    using (w.Block("public sealed class " + owner.Property + "Endpoints"))
                    {
                        for (int i = 0; i < owner.Routes.Count; i++)
                        {
                            RouteSpec route = owner.Routes[i];
                            if (i > 0)
                            {
                                w.Line();
                            }

                            w.Line("/// <summary>The endpoint of <c>" + CSharp.Xml(route.Pattern) + "</c>.</summary>");
                            w.Line("public " + TypeNames.EndpointConventionBuilder + " " + route.Member + " { get; internal set; } = null!;");
                        }
                    }
                }
            }
        }

        /// <summary>The declaring types in ordinal order, each named by its own name unless another type of another namespace shares it.</summary>
        private static List<OwnerGroup> Owners(EquatableArray<RouteSpec> routes)
        {
            var owners = new List<OwnerGroup>();
            foreach (IGrouping<string, RouteSpec> byOwner in routes.GroupBy(r => r.Owner).OrderBy(g => g.Key, System.StringComparer.Ordinal))
            {
                RouteSpec first = byOwner.First();
                bool shared = routes.Any(r => r.OwnerName == first.OwnerName && r.Owner != first.Owner);
                owners.Add(new OwnerGroup(
                    first.Owner,
                    shared ? first.OwnerQualifiedName : first.OwnerName,
                    byOwner.OrderBy(r => r.Member, System.StringComparer.Ordinal).ToList()));
            }

            return owners;
        }

        private sealed class OwnerGroup
        {
            public OwnerGroup(string owner, string property, List<RouteSpec> routes)
            {
                Owner = owner;
                Property = property;
                Routes = routes;
            }

            public string Owner { get; }

            public string Property { get; }

            public List<RouteSpec> Routes { get; }
        }
    }
}
