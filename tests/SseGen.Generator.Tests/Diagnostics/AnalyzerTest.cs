using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using SseGen.Generator.Diagnostics;
using SseGen.Generator.Tests.Infrastructure;
using SseGen.TestSupport;
using Xunit;

namespace SseGen.Generator.Tests.Diagnostics;

/// <summary>
/// Runs <see cref="EndpointUsageAnalyzer"/> over markup. References come from the test host (ASP.NET Core included) and
/// <c>SseGen.dll</c>: the empty <c>net10.0</c> reference set downloads nothing.
/// </summary>
internal static class AnalyzerTest
{
    public static Task VerifyAsync(string source) => VerifyAsync<EndpointUsageAnalyzer>(source);

    /// <summary>Runs <typeparamref name="TAnalyzer"/> over markup, with the same references.</summary>
    public static Task VerifyAsync<TAnalyzer>(string source)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = TestCompilation.NoReferenceAssemblies,
        };
        test.TestState.Sources.Add(("GlobalUsings.cs", GlobalUsings.Endpoints));
        test.TestState.AdditionalReferences.AddRange(TestCompilation.References);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var options = (CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!;
            return solution.WithProjectCompilationOptions(projectId, options.WithNullableContextOptions(NullableContextOptions.Enable));
        });
        return test.RunAsync(TestContext.Current.CancellationToken);
    }
}
