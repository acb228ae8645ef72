using Microsoft.CodeAnalysis;
using SseGen.Generator.Model;
using Xunit;
using static Microsoft.CodeAnalysis.IncrementalStepRunReason;

namespace SseGen.Generator.Tests.Incrementality;

/// <summary>
/// What a second run of the generator reuses, named per step of <see cref="TrackingNames"/> and per source output, after
/// Mapperly's <c>IncrementalGeneratorRunReasons</c>. <see cref="Endpoints"/> and <see cref="EndpointSource"/> are the
/// reasons of the endpoint a scenario edits; every other endpoint, and its source, must stay <c>Cached</c>.
/// </summary>
internal sealed record IncrementalGeneratorRunReasons(
    IncrementalStepRunReason Endpoints,
    IncrementalStepRunReason Routes,
    IncrementalStepRunReason CanMap,
    IncrementalStepRunReason AssemblyMapper,
    IncrementalStepRunReason ReferencedMappers,
    IncrementalStepRunReason EndpointSource,
    IncrementalStepRunReason MapExtensionSource,
    IncrementalStepRunReason AssemblyMapperSource,
    IncrementalStepRunReason ClientEndpoints = IncrementalStepRunReason.Cached,
    IncrementalStepRunReason ClientScriptSource = IncrementalStepRunReason.Cached,
    IncrementalStepRunReason ReferencedContracts = IncrementalStepRunReason.Cached)
{
    /// <summary>The same compilation again: every step and output is reused as it is.</summary>
    public static readonly IncrementalGeneratorRunReasons SameCompilation = new(Cached, Cached, Cached, Cached, Cached, Cached, Cached, Cached);

    /// <summary>
    /// A new compilation whose endpoints are the same: the steps over the syntax stay <c>Cached</c>; those over the whole
    /// compilation run again, as they must on any new compilation, and give an equal value; nothing is emitted again.
    /// </summary>
    public static readonly IncrementalGeneratorRunReasons NothingToEmit = SameCompilation with { CanMap = Unchanged, AssemblyMapper = Unchanged, ReferencedMappers = Unchanged, ReferencedContracts = Unchanged };

    /// <summary>One endpoint's model changed, not its route: that endpoint alone is emitted again.</summary>
    public static readonly IncrementalGeneratorRunReasons EndpointChanged = NothingToEmit with { Endpoints = Modified, EndpointSource = Modified, ClientEndpoints = Modified, ClientScriptSource = Modified };

    /// <summary>One endpoint's route changed: that endpoint, the map extension and this assembly's mapper are emitted again.</summary>
    public static readonly IncrementalGeneratorRunReasons RouteChanged = EndpointChanged with { Routes = Modified, MapExtensionSource = Modified, AssemblyMapperSource = Modified, ClientEndpoints = Modified, ClientScriptSource = Modified };

    /// <summary>A payload's property changed: the endpoint that streams it (whose model holds the payload's JSON) and the TypeScript client, nothing else.</summary>
    public static readonly IncrementalGeneratorRunReasons PayloadChanged = EndpointChanged;

    private const string MapExtension = "SseEndpointRouteBuilderExtensions.g.cs";
    private const string AssemblyMapperFile = "SseEndpointAssemblyMapper.g.cs";
    private const string ClientScriptFile = "SseClientScript.g.cs";
    private const string ContractAssemblyFile = "SseContractAssembly.g.cs";
    private const string ReferencedContractFiles = "the referenced contracts' endpoints";

    /// <summary>
    /// Asserts these reasons on <paramref name="run"/>, in which <paramref name="editedHintName"/> is the endpoint
    /// the scenario edited, and <paramref name="endpointCount"/> endpoints were generated.
    /// </summary>
    /// <param name="run">The second run.</param>
    /// <param name="editedHintName">The endpoint the scenario edited.</param>
    /// <param name="endpointCount">How many endpoints were generated.</param>
    /// <param name="clientScript">Overrides <see cref="ClientScriptSource"/>: for an edit outside the endpoints, such as the JSON options.</param>
    public void AssertOn(GeneratorRunResult run, string editedHintName, int endpointCount, IncrementalStepRunReason? clientScript = null)
    {
        Dictionary<string, IncrementalStepRunReason> endpoints = run.TrackedSteps[TrackingNames.Endpoints]
            .SelectMany(step => step.Outputs)
            .ToDictionary(o => ((EndpointSpec)o.Value).HintName, o => o.Reason, StringComparer.Ordinal);
        Assert.Equal(endpointCount, endpoints.Count);
        Assert.All(endpoints, e => Assert.Equal(e.Key == editedHintName ? Endpoints : Cached, e.Value));
        Assert.Contains(editedHintName, endpoints.Keys);

        Assert.Equal(Routes, Single(run, TrackingNames.Routes));
        Assert.Equal(CanMap, Single(run, TrackingNames.CanMap));
        Assert.Equal(AssemblyMapper, Single(run, TrackingNames.AssemblyMapper));
        Assert.Equal(ReferencedMappers, Single(run, TrackingNames.ReferencedMappers));
        Assert.Equal(ClientEndpoints, Single(run, TrackingNames.ClientEndpoints));
        Assert.Equal(ReferencedContracts, Single(run, TrackingNames.ReferencedContracts));

        // The contract listing and the clients' contract names follow only contracts and clients, which these scenarios lack.
        Assert.Equal(Cached, Single(run, TrackingNames.ContractAssembly));
        Assert.Equal(Cached, Single(run, TrackingNames.ClientContracts));

        Dictionary<string, IncrementalStepRunReason> outputs = run.TrackedOutputSteps.SelectMany(s => s.Value)
            .ToDictionary(OutputName, step => Assert.Single(step.Outputs).Reason, StringComparer.Ordinal);
        Assert.Equal(endpointCount + 5, outputs.Count);
        Assert.All(endpoints.Keys, hintName => Assert.Equal(hintName == editedHintName ? EndpointSource : Cached, outputs[hintName]));
        Assert.Equal(MapExtensionSource, outputs[MapExtension]);
        Assert.Equal(AssemblyMapperSource, outputs[AssemblyMapperFile]);
        Assert.Equal(clientScript ?? ClientScriptSource, outputs[ClientScriptFile]);
        Assert.Equal(Cached, outputs[ContractAssemblyFile]);
        Assert.Equal(Cached, outputs[ReferencedContractFiles]);
    }

    private static IncrementalStepRunReason Single(GeneratorRunResult run, string step) =>
        Assert.Single(Assert.Single(run.TrackedSteps[step]).Outputs).Reason;

    /// <summary>The file a source output writes, known by the value it is given.</summary>
    private static string OutputName(IncrementalGeneratorRunStep step)
    {
        (IncrementalGeneratorRunStep source, int index) = Assert.Single(step.Inputs);
        object value = source.Outputs[index].Value;
        return value switch
        {
            (EndpointSpec endpoint, bool) => endpoint.HintName,
            ((EquatableArray<RouteSpec>, EquatableArray<string>), bool) => MapExtension,
            ((EquatableArray<RouteSpec>, string), bool) => AssemblyMapperFile,
            (((EquatableArray<Model.Client.ClientEndpointSpec>, Model.Client.JsonContractSpec), string), bool) => ClientScriptFile,
            (EquatableArray<string>, bool) => ContractAssemblyFile,
            EquatableArray<EndpointSpec> => ReferencedContractFiles,
            _ => throw new Xunit.Sdk.XunitException("a source output of unknown input " + value.GetType()),
        };
    }
}
