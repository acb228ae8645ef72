using System.Globalization;

namespace SseGen.Tests.AspNetCore;

/// <summary>The parsing helpers generated endpoints call: the invariant culture whatever the thread's, enums ignoring case.</summary>
public sealed class SseEndpointBindingTests
{
    private enum Priority
    {
        Low,
        High,
    }

    [Fact]
    public void TryParse_UnderAGermanCulture_ReadsTheDotAsTheDecimalSeparator()
    {
        CultureInfo culture = CultureInfo.CurrentCulture;
        CultureInfo uiCulture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");

            // Without culture data (invariant globalization) this test could not tell the cultures apart.
            Assert.Equal(15d, double.Parse("1.5", CultureInfo.CurrentCulture));

            Assert.True(SseEndpointBinding.TryParse("1.5", out double number));
            Assert.Equal(1.5d, number);
            Assert.True(SseEndpointBinding.TryParse("1.5", out decimal money));
            Assert.Equal(1.5m, money);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    [Theory]
    [InlineData("HIGH")]
    [InlineData("high")]
    [InlineData("High")]
    [InlineData("hIgH")]
    public void TryParseEnum_IgnoresCase(string text)
    {
        Assert.True(SseEndpointBinding.TryParseEnum(text, out Priority value));
        Assert.Equal(Priority.High, value);
    }

    [Theory]
    [InlineData("higher")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParseEnum_UnknownName_Fails(string? text)
    {
        Assert.False(SseEndpointBinding.TryParseEnum(text, out Priority value));
        Assert.Equal(default, value);
    }
}
