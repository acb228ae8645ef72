using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SseGen.Generator.Model;
using SseGen.Generator.Tests.Emitting;
using SseGen.Generator.Tests.Infrastructure;
using Xunit;

namespace SseGen.Generator.Tests.Incrementality;

/// <summary>The client step of the pipeline reuses its work like the endpoint steps, and keeps no Roslyn object.</summary>
public sealed class ClientIncrementalityTests
{
    private const string Client = """
        namespace MyApp;

        [SseGen.Client.SseClient(typeof(IFeeds), JsonContext = typeof(FeedsJson))]
        internal sealed partial class FeedsClient
        {
        }
        """;

    [Fact]
    public void CommentAddedToTheClient_LeavesItsModelUnchanged_AndEveryOutputCached()
    {
        Compilation compilation = TestCompilation.Create(ClientEmitterTests.Contract, Client);

        GeneratorRunResult run = RunTwice(compilation, Edit(compilation, 1, "// The app's client.\n" + Client + "\n\n"));

        Assert.All(run.TrackedSteps[TrackingNames.Clients].SelectMany(s => s.Outputs), o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void EventTypeEditedInTheContract_RegeneratesTheClient()
    {
        Compilation compilation = TestCompilation.Create(ClientEmitterTests.Contract, Client);

        GeneratorRunResult run = RunTwice(compilation, Edit(compilation, 0, ClientEmitterTests.Contract.Replace("EventType = \"tick\"", "EventType = \"ticked\"", StringComparison.Ordinal)));

        Assert.Equal(IncrementalStepRunReason.Modified, run.TrackedSteps[TrackingNames.Clients].SelectMany(s => s.Outputs).Single().Reason);
        Assert.Contains("\"ticked\"", run.GeneratedSources.Single(s => s.HintName == "MyApp.FeedsClient.SseClient.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ClientModel_HoldsNoRoslynObjects()
    {
        GeneratorRunResult run = GeneratorRunner.CreateDriver().RunGenerators(TestCompilation.Create(ClientEmitterTests.Contract, Client), TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        var client = Assert.IsType<ContractClientSpec>(run.TrackedSteps[TrackingNames.Clients].Single().Outputs.Single().Value);
        Assert.Equal(5, client.Methods.Count);
        AssertNoRoslynObjects(client, nameof(ContractClientSpec), new HashSet<object>(ReferenceEqualityComparer.Instance));
    }

    private static void AssertNoRoslynObjects(object? value, string path, HashSet<object> visited)
    {
        if (value is null or string || value.GetType().IsPrimitive || value.GetType().IsEnum || !visited.Add(value))
        {
            return;
        }

        Assert.False(value is ISymbol or Compilation or SyntaxNode or Location or SemanticModel, path + " holds a Roslyn object: " + value.GetType());
        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (object? item in items)
            {
                AssertNoRoslynObjects(item, path + "[" + i++ + "]", visited);
            }

            return;
        }

        foreach (PropertyInfo property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            AssertNoRoslynObjects(property.GetValue(value), path + "." + property.Name, visited);
        }
    }

    private static GeneratorRunResult RunTwice(Compilation first, Compilation second)
    {
        GeneratorDriver driver = GeneratorRunner.CreateDriver().RunGenerators(first, TestContext.Current.CancellationToken);
        return driver.RunGenerators(second, TestContext.Current.CancellationToken).GetRunResult().Results.Single();
    }

    private static Compilation Edit(Compilation compilation, int index, string text)
    {
        SyntaxTree old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, TestCompilation.ParseOptions, path: old.FilePath, cancellationToken: TestContext.Current.CancellationToken));
    }
}
