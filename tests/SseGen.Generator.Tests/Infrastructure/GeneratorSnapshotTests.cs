using Xunit;

namespace SseGen.Generator.Tests.Infrastructure;

/// <summary>The snapshot helper itself: it must fail when it should, and never accept under CI.</summary>
public sealed class GeneratorSnapshotTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ssegen-snapshots-").FullName;

    private string Verified => Path.Combine(_directory, "T.M#X.g.verified.cs");

    private string Received => Path.Combine(_directory, "T.M#X.g.received.cs");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Compare_MissingSnapshotUnderCi_FailsEvenWhenAcceptIsSet()
    {
        string failure = GeneratorSnapshot.Compare(Verified, Received, "class C {}\n", inCi: true, accept: true);

        Assert.Contains("never accepted under CI=true", failure, StringComparison.Ordinal);
        Assert.False(File.Exists(Verified));
        Assert.True(File.Exists(Received));
    }

    [Fact]
    public void Compare_MissingSnapshotLocally_FailsAndWritesReceived()
    {
        string failure = GeneratorSnapshot.Compare(Verified, Received, "class C {}\n", inCi: false, accept: false);

        Assert.NotEmpty(failure);
        Assert.Equal("class C {}\n", File.ReadAllText(Received));
    }

    [Fact]
    public void Compare_Mismatch_FailsWithADiffOfTheChangedLines()
    {
        File.WriteAllText(Verified, "class C\n{\n    int A;\n}\n");

        string failure = GeneratorSnapshot.Compare(Verified, Received, "class C\n{\n    int B;\n}\n", inCi: false, accept: false);

        string[] lines = failure.ReplaceLineEndings("\n").Split('\n');
        Assert.Contains(lines, l => l.StartsWith("- ", StringComparison.Ordinal) && l.EndsWith("    int A;", StringComparison.Ordinal));
        Assert.Contains("+ 0003     int B;", lines);
        Assert.True(File.Exists(Received));
    }

    [Fact]
    public void Compare_AcceptLocally_WritesTheSnapshotAndRemovesReceived()
    {
        File.WriteAllText(Received, "stale");

        string failure = GeneratorSnapshot.Compare(Verified, Received, "class C {}\n", inCi: false, accept: true);

        Assert.Empty(failure);
        Assert.Equal("class C {}\n", File.ReadAllText(Verified));
        Assert.False(File.Exists(Received));
    }

    [Fact]
    public void Compare_CrLfSnapshot_MatchesLfOutput()
    {
        File.WriteAllText(Verified, "class C\r\n{\r\n}\r\n");

        Assert.Empty(GeneratorSnapshot.Compare(Verified, Received, "class C\n{\n}\n", inCi: true, accept: false));
    }

    [Fact]
    public void Scrub_ReplacesTheGeneratorVersion()
    {
        string version = typeof(SseEndpointGenerator).Assembly.GetName().Version!.ToString();

        string scrubbed = GeneratorSnapshot.Scrub($"[GeneratedCode(\"SseGen.Generator\", \"{version}\")]\r\n");

        Assert.Equal("[GeneratedCode(\"SseGen.Generator\", \"%VERSION%\")]\n", scrubbed);
    }
}
