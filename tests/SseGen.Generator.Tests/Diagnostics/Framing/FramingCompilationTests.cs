using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SseGen.Generator.Diagnostics.Framing;
using SseGen.Generator.Tests.Infrastructure;
using Xunit;

namespace SseGen.Generator.Tests.Diagnostics.Framing;

/// <summary>The state the framing rules share: one per compilation, one set of facts per operation block.</summary>
public sealed class FramingCompilationTests
{
    [Fact]
    public void FactsOfABlock_AreCollectedOnceForEveryRule()
    {
        Compilation compilation = TestCompilation.Create("""
            static class Feed
            {
                public static void Send(HttpResponse response)
                {
                    response.ContentType = "text/event-stream";
                    Action later = () => response.Headers.Connection = "close";
                }
            }
            """);
        SyntaxTree tree = compilation.SyntaxTrees.First();
        MethodDeclarationSyntax method = tree.GetRoot(TestContext.Current.CancellationToken).DescendantNodes().OfType<MethodDeclarationSyntax>().Single();
        SemanticModel model = compilation.GetSemanticModel(tree);
        IOperation block = model.GetOperation(method, TestContext.Current.CancellationToken)!;
        ISymbol owner = model.GetDeclaredSymbol(method, TestContext.Current.CancellationToken)!;

        IReadOnlyList<ResponseFacts> first = FramingCompilation.Of(compilation).FactsOf(block, owner, TestContext.Current.CancellationToken);
        IReadOnlyList<ResponseFacts> second = FramingCompilation.Of(compilation).FactsOf(block, owner, TestContext.Current.CancellationToken);

        Assert.Same(FramingCompilation.Of(compilation), FramingCompilation.Of(compilation));
        Assert.Same(first, second);
        Assert.Equal(2, first.Count); // the method and its lambda, each a scope of its own
        Assert.Single(first[0].EventStreamMarks);
        Assert.Single(first[1].ConnectionCloses);
    }
}
