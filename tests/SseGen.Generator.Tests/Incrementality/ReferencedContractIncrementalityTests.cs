using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SseGen.Generator.Emitting;
using SseGen.Generator.Model;
using SseGen.Generator.Tests.Emitting;
using SseGen.Generator.Tests.Infrastructure;
using Xunit;
using static Microsoft.CodeAnalysis.IncrementalStepRunReason;

namespace SseGen.Generator.Tests.Incrementality;

/// <summary>
/// A server's edits reuse what it made of the contracts it references: they are parsed from metadata on every new
/// compilation (a step over the compilation must run again) into an equal model, and nothing of them is emitted again.
/// </summary>
public sealed class ReferencedContractIncrementalityTests
{
    private const string WatchFile = "Shop.Contracts.IPrices.Watch.g.cs";

    [Fact]
    public void SecondRun_OnTheSameCompilation_ReusesTheContractsAsTheyAre()
    {
        Compilation server = Server();

        GeneratorRunResult run = RunTwice(server, server);

        Assert.Equal(Cached, ReferencedContractsReason(run));
        Assert.Equal(Cached, OutputReason(run, o => o is EquatableArray<EndpointSpec>));
    }

    [Fact]
    public void EditOfTheServersOwnCode_LeavesTheContractsUnchanged_AndEmitsNoneOfThemAgain()
    {
        Compilation server = Server();
        SyntaxTree source = server.SyntaxTrees.First();

        GeneratorRunResult run = RunTwice(server, server.ReplaceSyntaxTree(source, CSharpSyntaxTree.ParseText(
            ReferencedContractTests.Server + "\npublic sealed class Unrelated { }\n", TestCompilation.ParseOptions, path: source.FilePath, cancellationToken: TestContext.Current.CancellationToken)));

        Assert.Equal(Unchanged, ReferencedContractsReason(run));
        Assert.Equal(Cached, OutputReason(run, o => o is EquatableArray<EndpointSpec>));
        Assert.Equal(Cached, OutputReason(run, o => o is ((EquatableArray<RouteSpec>, EquatableArray<string>), bool)));
        var endpoints = (EquatableArray<EndpointSpec>)Assert.Single(run.TrackedSteps[TrackingNames.ReferencedContracts].Single().Outputs).Value;
        Assert.Equal(["Shop.Contracts.IPrices.News.g.cs", WatchFile], endpoints.Select(e => e.HintName));
    }

    [Fact]
    public void ClientOfTheContractAdded_UnmapsIt()
    {
        Compilation server = Server();

        GeneratorRunResult run = RunTwice(server, server.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Shop.Server; [SseGen.Client.SseClient(typeof(Shop.Contracts.IPrices))] internal sealed partial class PricesClient;",
            TestCompilation.ParseOptions,
            path: "Client.cs",
            cancellationToken: TestContext.Current.CancellationToken)));

        Assert.Equal(Modified, ReferencedContractsReason(run));
        Assert.DoesNotContain(run.GeneratedSources, s => s.HintName == WatchFile);
        Assert.DoesNotContain("IPrices", run.GeneratedSources.Single(s => s.HintName == MapExtensionsEmitter.HintName).SourceText.ToString(), StringComparison.Ordinal);
    }

    private static Compilation Server() =>
        TestCompilation.Create(ReferencedContractTests.Server).AddReferences(ReferencedContractTests.ContractReference());

    private static GeneratorRunResult RunTwice(Compilation first, Compilation second)
    {
        GeneratorDriver driver = GeneratorRunner.CreateDriver().RunGenerators(first, TestContext.Current.CancellationToken);
        return driver.RunGenerators(second, TestContext.Current.CancellationToken).GetRunResult().Results.Single();
    }

    private static IncrementalStepRunReason ReferencedContractsReason(GeneratorRunResult run) =>
        Assert.Single(Assert.Single(run.TrackedSteps[TrackingNames.ReferencedContracts]).Outputs).Reason;

    /// <summary>The reason of the one source output whose input matches <paramref name="input"/>.</summary>
    private static IncrementalStepRunReason OutputReason(GeneratorRunResult run, Func<object, bool> input) =>
        Assert.Single(
            run.TrackedOutputSteps.SelectMany(s => s.Value),
            step => step.Inputs.Any(i => input(i.Source.Outputs[i.OutputIndex].Value))).Outputs.Single().Reason;
}
