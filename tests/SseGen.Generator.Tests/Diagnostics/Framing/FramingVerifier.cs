using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using SseGen.Generator.Tests.Infrastructure;
using Xunit;

namespace SseGen.Generator.Tests.Diagnostics.Framing;

/// <summary>Runs one framing analyzer (and its fix) over a test source compiled against the local shared frameworks.</summary>
internal static class FramingVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>The usings every test source starts with, so tests show only the handler.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Net;
        using System.Net.Sockets;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;

        """;

    /// <summary>Asserts that the analyzer reports exactly the diagnostics marked in <paramref name="source"/>.</summary>
    public static Task VerifyAnalyzerAsync(string source) => CreateTest(source, fixedSource: null).RunAsync(TestContext.Current.CancellationToken);

    /// <summary>Asserts that the analyzer reports exactly <paramref name="expected"/>, messages included.</summary>
    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> test = CreateTest(source, fixedSource: null);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The diagnostic <paramref name="id"/> at markup location <paramref name="markupKey"/> (<c>{|#0:...|}</c>).</summary>
    public static DiagnosticResult Diagnostic(string id, int markupKey) =>
        CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic(id).WithLocation(markupKey);

    /// <summary>Asserts the marked diagnostics, and that applying every fix (one by one and with Fix All) yields <paramref name="fixedSource"/>.</summary>
    public static Task VerifyCodeFixAsync(string source, string fixedSource) => CreateTest(source, fixedSource).RunAsync(TestContext.Current.CancellationToken);

    private static CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> CreateTest(string source, string? fixedSource)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = Usings + source,
            ReferenceAssemblies = TestCompilation.NoReferenceAssemblies,
        };
        test.TestState.AdditionalReferences.AddRange(TestCompilation.References);
        if (fixedSource is not null)
        {
            test.FixedCode = Usings + fixedSource;
            test.FixedState.AdditionalReferences.AddRange(TestCompilation.References);
        }

        return test;
    }
}
