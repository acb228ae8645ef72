using SseGen.Generator.Parsing;
using Xunit;

namespace SseGen.Generator.Tests.Parsing;

/// <summary>Each assembly's mapper gets a readable class name of its own, the same on every build.</summary>
public sealed class AssemblyMapperNameTests
{
    [Theory]
    [InlineData("MyCompany.Feeds", "MyCompany_Feeds_SseEndpoints")]
    [InlineData("Feeds", "Feeds_SseEndpoints")]
    [InlineData("Feeds2", "Feeds2_SseEndpoints")]
    public void NameOfLettersDigitsAndDots_TurnsDotsIntoUnderscores(string assemblyName, string expected) =>
        Assert.Equal(expected, AssemblyMapperParser.MapperName(assemblyName));

    [Fact]
    public void NamesThatSanitizeAlike_StayApart()
    {
        string[] names = ["My.Lib", "My_Lib", "My-Lib", "My Lib"];

        string[] mappers = names.Select(AssemblyMapperParser.MapperName).ToArray();

        Assert.Equal(names.Length, mappers.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("1Feeds")]
    [InlineData("My-Lib")]
    [InlineData("Über.Feeds")]
    [InlineData("")]
    [InlineData(null)]
    public void AnyName_GivesAnIdentifier(string? assemblyName)
    {
        string mapper = AssemblyMapperParser.MapperName(assemblyName);

        Assert.True(Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(mapper), mapper);
    }

    [Fact]
    public void SanitizedName_CarriesAStableHashOfTheName_NotTheProcessDependentGetHashCode() =>
        Assert.Equal("_My_Lib_66E6F729_SseEndpoints", AssemblyMapperParser.MapperName("My-Lib"));
}
