using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SseGen.Generator.Emitting;
using SseGen.Generator.Model;
using SseGen.Generator.Parsing;

namespace SseGen.Generator
{
    /// <summary>Generates an endpoint class per <c>[SseEndpoint]</c> method and the <c>MapSseEndpoints</c> extension that maps them.</summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class SseEndpointGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<EndpointSpec> endpoints = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    KnownNames.SseEndpointAttribute,
                    static (node, _) => node is MethodDeclarationSyntax,
                    static (ctx, ct) => EndpointParser.Parse(ctx, ct)) // null when misused: the analyzer says why
                .Where(static e => e is not null)
                .Select(static (e, _) => e!)
                .WithTrackingName(TrackingNames.Endpoints);
            context.RegisterSourceOutput(endpoints, EndpointEmitter.Emit);

            // Project before Collect: the map extension needs routes, not whole endpoints.
            IncrementalValueProvider<EquatableArray<RouteSpec>> routes = endpoints
                .Select(static (e, _) => e.Route)
                .Collect()
                .Select(static (r, _) => r.Sort(RouteSpec.Ordinal).ToEquatableArray())
                .WithTrackingName(TrackingNames.Routes);

            // A project that can see SseGen but not ASP.NET routing (a plain library) gets no map extension to break its build.
            IncrementalValueProvider<bool> canMap = context.CompilationProvider
                .Select(static (c, _) => c.GetTypeByMetadataName(KnownNames.SseEndpointAttribute) is not null
                    && c.GetTypeByMetadataName(KnownNames.IEndpointRouteBuilder) is not null)
                .WithTrackingName(TrackingNames.CanMap);
            context.RegisterSourceOutput(routes.Combine(canMap), static (spc, input) =>
            {
                if (input.Right)
                {
                    MapExtensionsEmitter.Emit(spc, input.Left);
                }
            });
        }
    }
}
