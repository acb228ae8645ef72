using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using SseGen.Generator.Emitting;
using Xunit;

namespace SseGen.Generator.Tests.Infrastructure;

/// <summary>
/// Snapshots of the generated TypeScript client, read from the compiled <c>SseClientScript</c> as the app and its build
/// target read it: <c>{Class}.{Method}#sse-client.verified.js</c> and <c>.verified.d.ts</c> in <c>Snapshots/</c>, with
/// <see cref="GeneratorSnapshot"/>'s rules (received files, diff, <c>SSEGEN_ACCEPT_SNAPSHOTS=1</c>, never under CI).
/// </summary>
internal static class ClientScriptSnapshot
{
    public static Task VerifyAsync(string source, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        (string module, string declarations) = Generate(source);
        string directory = Path.Combine(Path.GetDirectoryName(testFile)!, GeneratorSnapshot.SnapshotFolder);
        string prefix = Path.Combine(directory, Path.GetFileNameWithoutExtension(testFile) + "." + testMethod + "#sse-client");
        string failures =
            GeneratorSnapshot.Compare(prefix + ".verified.js", prefix + ".received.js", module, InCi, Accept)
            + GeneratorSnapshot.Compare(prefix + ".verified.d.ts", prefix + ".received.d.ts", declarations, InCi, Accept);
        return failures.Length == 0 ? Task.CompletedTask : throw new Xunit.Sdk.XunitException(failures);
    }

    /// <summary>Runs the generator with <c>SseGenClientScript=true</c>, compiles with no warning, and reads the two constants.</summary>
    public static (string Module, string Declarations) Generate(string source)
    {
        (Compilation output, GeneratorDriverRunResult run) = GeneratorRunner.Run(TestCompilation.Create(source), BuildProperties.ClientScript);
        Assert.Empty(run.Diagnostics);
        GeneratorSnapshot.AssertCompilesWithoutWarnings(output);
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = output.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));

        var context = new AssemblyLoadContext("client-script", isCollectible: true);
        try
        {
            image.Position = 0;
            Type script = context.LoadFromStream(image).GetType("SseGen.Generated." + ClientScriptEmitter.ClassName, throwOnError: true)!;
            return (Constant(script, "Module"), Constant(script, "Declarations"));
        }
        finally
        {
            context.Unload();
        }
    }

    private static string Constant(Type type, string name) =>
        (string)type.GetField(name, BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;

    private static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static bool Accept => Environment.GetEnvironmentVariable("SSEGEN_ACCEPT_SNAPSHOTS") == "1";
}
