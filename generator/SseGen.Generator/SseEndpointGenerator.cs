using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SseGen.Generator.Emitting;
using SseGen.Generator.Emitting.Client;
using SseGen.Generator.Model;
using SseGen.Generator.Model.Client;
using SseGen.Generator.Parsing;
using SseGen.Generator.Parsing.Client;

namespace SseGen.Generator
{
    /// <summary>
    /// Generates an endpoint class per <c>[SseEndpoint]</c> method, the <c>MapSseEndpoints</c> extension that maps them and
    /// those of referenced libraries, and the public mapper through which a referencing assembly maps this one's, and the
    /// typed client of every <c>[SseClient]</c> class.
    /// </summary>
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

            // Server code needs the server runtime and ASP.NET Core routing: a client-only project (SseGen.Client alone,
            // no ASP.NET Core) declares contracts too, and gets its client but no endpoints to break its build.
            IncrementalValueProvider<bool> canMap = context.CompilationProvider
                .Select(static (c, _) => c.GetTypeByMetadataName(KnownNames.SseResponse) is not null
                    && c.GetTypeByMetadataName(KnownNames.IEndpointRouteBuilder) is not null)
                .WithTrackingName(TrackingNames.CanMap);
            context.RegisterSourceOutput(endpoints.Combine(canMap), static (spc, input) =>
            {
                if (input.Right)
                {
                    EndpointEmitter.Emit(spc, input.Left);
                }
            });

            // Project before Collect: the map extension needs routes, not whole endpoints.
            IncrementalValueProvider<EquatableArray<RouteSpec>> routes = endpoints
                .Select(static (e, _) => e.Route)
                .Collect()
                .Select(static (r, _) => r.Sort(RouteSpec.Ordinal).ToEquatableArray())
                .WithTrackingName(TrackingNames.Routes);

            // A contract project that references SseGen's attributes alone cannot map its interfaces: it lists them for the
            // servers that reference it, which map them with their own endpoints.
            IncrementalValueProvider<EquatableArray<string>> contractTypes = endpoints
                .Where(static e => e.OwnerKind == OwnerKind.Contract)
                .Select(static (e, _) => e.Owner.Unannotated)
                .Collect()
                .Select(static (c, _) => c.Distinct().OrderBy(x => x, StringComparer.Ordinal).ToEquatableArray())
                .WithTrackingName(TrackingNames.ContractAssembly);
            context.RegisterSourceOutput(contractTypes.Combine(canMap), static (spc, input) =>
            {
                if (!input.Right && input.Left.Count > 0)
                {
                    ContractAssemblyEmitter.Emit(spc, input.Left);
                }
            });

            // The client side of a contract: an [SseClient] class implements the interface over SseClient, read from the
            // interface's symbols (often metadata) with the endpoint parser, so client and server share one model.
            IncrementalValuesProvider<ContractClientSpec> contractClients = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    KnownNames.SseClientAttribute,
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, ct) => ContractClientParser.Parse(ctx, ct)) // null when misused: the analyzer says why
                .Where(static c => c is not null)
                .Select(static (c, _) => c!)
                .WithTrackingName(TrackingNames.Clients);
            context.RegisterSourceOutput(contractClients, ClientEmitter.Emit);

            // The contracts this project has a client of: it calls their server, it does not serve them. Named by the
            // attribute alone, valid client or not, as the analyzer names them: a client with an error is
            // still a client, and mapping its contract would only add a second surprise.
            IncrementalValueProvider<EquatableArray<string>> clientContracts = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    KnownNames.SseClientAttribute,
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, _) => ctx.Attributes[0].ConstructorArguments.Length == 1 && ctx.Attributes[0].ConstructorArguments[0].Value is INamedTypeSymbol contract
                        ? contract.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)
                        : null)
                .Where(static c => c is not null)
                .Select(static (c, _) => c!)
                .Collect()
                .Select(static (c, _) => c.Distinct().OrderBy(x => x, StringComparer.Ordinal).ToEquatableArray())
                .WithTrackingName(TrackingNames.ClientContracts);

            // The referenced contract projects' endpoints, parsed from metadata with the same parser: a server maps them as its own.
            IncrementalValueProvider<EquatableArray<EndpointSpec>> referencedContracts = context.CompilationProvider
                .Combine(clientContracts)
                .Combine(canMap)
                .Select(static (input, ct) => input.Right
                    ? ReferencedContractParser.Parse(input.Left.Left, new HashSet<string>(input.Left.Right, StringComparer.Ordinal), ct)
                    : EquatableArray<EndpointSpec>.Empty)
                .WithTrackingName(TrackingNames.ReferencedContracts);
            context.RegisterSourceOutput(referencedContracts, static (spc, contracts) =>
            {
                foreach (EndpointSpec endpoint in contracts)
                {
                    EndpointEmitter.Emit(spc, endpoint);
                }
            });

            // The map extension maps both; the public mapper only this assembly's own, so an app that references this
            // assembly and the contract (as it does through this one) maps the contract once, itself.
            IncrementalValueProvider<EquatableArray<RouteSpec>> mappedRoutes = routes
                .Combine(referencedContracts)
                .Select(static (input, _) => input.Right.Count == 0
                    ? input.Left
                    : input.Left.Concat(input.Right.Select(e => e.Route)).OrderBy(r => r, Comparer<RouteSpec>.Create(RouteSpec.Ordinal)).ToEquatableArray());

            // A project that can see the attributes but not the server runtime and ASP.NET routing (a plain library, a
            // client) gets no map extension either.
            // The mappers of referenced libraries, as names only: a host with no endpoints of its own still maps theirs.
            IncrementalValueProvider<EquatableArray<string>> libraries = context.CompilationProvider
                .Select(static (c, ct) => AssemblyMapperParser.ReferencedMappers(c, ct))
                .WithTrackingName(TrackingNames.ReferencedMappers);
            context.RegisterSourceOutput(mappedRoutes.Combine(libraries).Combine(canMap), static (spc, input) =>
            {
                if (input.Right)
                {
                    MapExtensionsEmitter.Emit(spc, input.Left.Left, input.Left.Right);
                }
            });

            // This assembly's own public mapper, for the MapSseEndpoints of the assemblies that reference it.
            IncrementalValueProvider<string> mapperName = context.CompilationProvider
                .Select(static (c, _) => AssemblyMapperParser.MapperName(c.AssemblyName))
                .WithTrackingName(TrackingNames.AssemblyMapper);
            context.RegisterSourceOutput(routes.Combine(mapperName).Combine(canMap), static (spc, input) =>
            {
                if (input.Right && input.Left.Left.Count > 0)
                {
                    AssemblyMapperEmitter.Emit(spc, input.Left.Left, input.Left.Right);
                }
            });

            // The TypeScript client, for a project that sets SseGenClientScript: what each endpoint's client needs, no more,
            // so an edit that changes only the C# side emits no client again.
            IncrementalValueProvider<EquatableArray<ClientEndpointSpec>> clients = endpoints
                .Select(static (e, _) => ClientEndpointSpec.For(e))
                .Collect()
                .Select(static (c, _) => c.Sort(ClientEndpointSpec.Ordinal).ToEquatableArray())
                .WithTrackingName(TrackingNames.ClientEndpoints);

            // And the referenced contracts' endpoints, which this server maps as its own: a front end calls them here too.
            IncrementalValueProvider<EquatableArray<ClientEndpointSpec>> scriptEndpoints = clients
                .Combine(referencedContracts)
                .Select(static (input, _) => input.Right.Count == 0
                    ? input.Left
                    : input.Left.Concat(input.Right.Select(ClientEndpointSpec.For)).OrderBy(c => c, Comparer<ClientEndpointSpec>.Create(ClientEndpointSpec.Ordinal)).ToEquatableArray());

            // The app's JSON contract, from the first context (by name) that states its options; else ASP.NET Core's web defaults.
            IncrementalValueProvider<JsonContractSpec> contract = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    JsonContractParser.OptionsAttribute,
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, _) => JsonContractParser.Parse((INamedTypeSymbol)ctx.TargetSymbol, ctx.Attributes[0]))
                .Collect()
                .Select(static (c, _) => c.OrderBy(x => x.Source, StringComparer.Ordinal).FirstOrDefault() ?? JsonContractSpec.WebDefaults)
                .WithTrackingName(TrackingNames.JsonContract);

            // Opt-in, so an app that has no front end pays for no module; the assembly's name only labels the module.
            IncrementalValueProvider<string?> clientScriptFor = context.AnalyzerConfigOptionsProvider
                .Combine(context.CompilationProvider.Select(static (c, _) => c.AssemblyName ?? string.Empty))
                .Select(static (input, _) => input.Left.GlobalOptions.TryGetValue("build_property.SseGenClientScript", out string? value)
                    && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase) ? input.Right : null)
                .WithTrackingName(TrackingNames.ClientScriptOptions);
            context.RegisterSourceOutput(scriptEndpoints.Combine(contract).Combine(clientScriptFor).Combine(canMap), static (spc, input) =>
            {
                if (input.Right && input.Left.Right is { } assembly && input.Left.Left.Left.Count > 0)
                {
                    ClientScriptEmitter.Emit(spc, input.Left.Left.Left, input.Left.Left.Right, assembly);
                }
            });
        }
    }
}
