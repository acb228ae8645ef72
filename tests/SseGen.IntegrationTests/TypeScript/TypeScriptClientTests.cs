using System.Reflection;
using System.Text.RegularExpressions;
using SseGen.TestApp;

namespace SseGen.IntegrationTests.TypeScript;

/// <summary>The test app's generated TypeScript client under <c>tsc --strict</c>: what uses it right compiles, each misuse is an error.</summary>
public sealed partial class TypeScriptClientTests
{
    private static readonly string[] StrictFlags =
        ["--strict", "--noEmit", "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler", "--lib", "es2022,dom", "--pretty", "false"];

    /// <summary>The test app's <c>SseClientScript</c> constant <paramref name="name"/>, as its build wrote it.</summary>
    internal static string Constant(string name) =>
        (string)typeof(TestAppHost).Assembly.GetType("SseGen.Generated.SseClientScript", throwOnError: true)!
            .GetField(name, BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;

    [Fact]
    public async Task ConsumerOfEveryEndpointEventAndField_CompilesUnderStrict()
    {
        string directory = Workspace("consumer.ts");

        (int exitCode, string output) = await TypeScriptCompiler.RunAsync(directory, [.. StrictFlags, "consumer.ts"]);

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task WrongEventNameWrongFieldAndMissingRouteValue_AreTheThreeErrors()
    {
        string directory = Workspace("wrong.ts");

        (int exitCode, string output) = await TypeScriptCompiler.RunAsync(directory, [.. StrictFlags, "wrong.ts"]);

        Assert.NotEqual(0, exitCode);
        string[] errors = [.. ErrorLine().Matches(output).Select(m => m.Groups["line"].Value + " " + m.Groups["code"].Value)];
        Assert.True(errors.Length == 3, output);

        // Line 4: "sayd" is no event of the chat; line 5: Said has no txt; line 6: the room is missing.
        Assert.Equal(["4 TS2345", "5 TS2551", "6 TS2554"], errors);
        Assert.Contains("'\"sayd\"'", output, StringComparison.Ordinal);
        Assert.Contains("'txt'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Module_IsJavaScriptTheCompilerParses()
    {
        string directory = Directory.CreateTempSubdirectory("ssegen-tsc-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "sse-client.js"), Constant("Module"), TestContext.Current.CancellationToken);

        (int exitCode, string output) = await TypeScriptCompiler.RunAsync(directory, "--allowJs", "--noEmit", "--target", "es2022", "--module", "esnext", "--lib", "es2022,dom", "--pretty", "false", "sse-client.js");

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void BuildTarget_WroteTheSameModuleAndDeclarations()
    {
        // The test app sets SseGenClientScriptPath to obj/sse-client/sse-client.js: its build wrote both files there.
        string written = Repository.PathOf("tests", "SseGen.TestApp", "obj", "sse-client");

        Assert.Equal(Constant("Module"), File.ReadAllText(Path.Combine(written, "sse-client.js")));
        Assert.Equal(Constant("Declarations"), File.ReadAllText(Path.Combine(written, "sse-client.d.ts")));
    }

    /// <summary>A fresh folder with the client's declarations and <paramref name="consumer"/> from beside this file.</summary>
    private static string Workspace(string consumer)
    {
        string directory = Directory.CreateTempSubdirectory("ssegen-tsc-").FullName;
        File.WriteAllText(Path.Combine(directory, "sse-client.d.ts"), Constant("Declarations"));
        File.Copy(Repository.PathOf("tests", "SseGen.IntegrationTests", "TypeScript", consumer), Path.Combine(directory, consumer));
        return directory;
    }

    [GeneratedRegex(@"\((?<line>\d+),\d+\): error (?<code>TS\d+)")]
    private static partial Regex ErrorLine();
}
