using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SseGen.Generator.Tests.Infrastructure;

/// <summary>The MSBuild properties a project makes visible to the compiler (<c>build_property.*</c>), as the generator reads them.</summary>
internal sealed class BuildProperties(params (string Name, string Value)[] properties) : AnalyzerConfigOptionsProvider
{
    /// <summary>A project that sets <c>SseGenClientScript=true</c>.</summary>
    public static BuildProperties ClientScript { get; } = new(("SseGenClientScript", "true"));

    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(properties.ToDictionary(p => "build_property." + p.Name, p => p.Value, StringComparer.Ordinal));

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static Options Empty { get; } = new([]);

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
