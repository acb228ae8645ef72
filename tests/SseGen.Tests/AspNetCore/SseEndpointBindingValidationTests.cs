using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http;

namespace SseGen.Tests.AspNetCore;

/// <summary><see cref="SseEndpointBinding.Validate"/>: what generated endpoints call for a parameter with DataAnnotations.</summary>
public sealed class SseEndpointBindingValidationTests
{
    [Fact]
    public void Validate_EveryFailingAttribute_IsListedUnderTheKey_WithItsOwnMessage()
    {
        Dictionary<string, string[]>? errors = null;

        SseEndpointBinding.Validate(ref errors, "tag", "ABCDEFG", new DefaultHttpContext(), [new StringLengthAttribute(5), new RegularExpressionAttribute("^[a-z]+$") { ErrorMessage = "Lower case only." }]);

        Assert.NotNull(errors);
        Assert.Equal(["The field tag must be a string with a maximum length of 5.", "Lower case only."], errors["tag"]);
    }

    [Fact]
    public void Validate_FailedRequired_IsTheOnlyMessage()
    {
        Dictionary<string, string[]>? errors = null;

        SseEndpointBinding.Validate(ref errors, "q", string.Empty, new DefaultHttpContext(), [new StringLengthAttribute(5) { MinimumLength = 2 }, new RequiredAttribute()]);

        Assert.NotNull(errors);
        Assert.Equal(["The q field is required."], errors["q"]);
    }

    [Fact]
    public void Validate_ValidValue_AddsNoError()
    {
        Dictionary<string, string[]>? errors = null;

        SseEndpointBinding.Validate(ref errors, "n", 5, new DefaultHttpContext(), [new RangeAttribute(1, 10), new RequiredAttribute()]);

        Assert.Null(errors);
    }

    [Fact]
    public void Validate_KeepsTheErrorsOfOtherValues()
    {
        Dictionary<string, string[]>? errors = null;
        SseEndpointBinding.AddMissing(ref errors, "route", "room");

        SseEndpointBinding.Validate(ref errors, "n", 0, new DefaultHttpContext(), [new RangeAttribute(1, 10)]);

        Assert.NotNull(errors);
        Assert.Equal(["n", "room"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
