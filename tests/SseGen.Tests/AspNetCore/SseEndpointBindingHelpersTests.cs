using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace SseGen.Tests.AspNetCore;

/// <summary>
/// The rest of what generated endpoints call before a stream starts: the messages of a failed binding, the 400 body,
/// result metadata, JSON options and the startup check of services. Each is observable to a client or at startup.
/// </summary>
public sealed class SseEndpointBindingHelpersTests
{
    [Fact]
    public void TryParse_InvalidText_FailsWithTheDefaultValue()
    {
        Assert.False(SseEndpointBinding.TryParse("many", out int number));
        Assert.Equal(0, number);
    }

    [Fact]
    public void AddMissing_NamesTheSourceAndTheKey()
    {
        Dictionary<string, string[]>? errors = null;

        SseEndpointBinding.AddMissing(ref errors, "query string", "count");

        Assert.NotNull(errors);
        Assert.Equal(["The query string value 'count' is required."], errors["count"]);
    }

    [Fact]
    public void AddInvalid_NamesTheSourceTheKeyTheTextAndTheType()
    {
        Dictionary<string, string[]>? errors = null;

        SseEndpointBinding.AddInvalid(ref errors, "header", "X-Scale", "lots", "decimal");

        Assert.NotNull(errors);
        Assert.Equal(["The header value 'X-Scale' = 'lots' is not a valid decimal."], errors["X-Scale"]);
    }

    [Fact]
    public void Errors_KeysDifferingOnlyInCase_AreKeptApart()
    {
        // Route values and query strings are matched by their exact name in the problem details a client reads.
        Dictionary<string, string[]>? errors = null;

        SseEndpointBinding.AddMissing(ref errors, "query string", "id");
        SseEndpointBinding.AddMissing(ref errors, "header", "ID");

        Assert.NotNull(errors);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Validate_AfterAnInvalidValueUnderTheSameKey_KeepsBothMessagesInOrder()
    {
        Dictionary<string, string[]>? errors = null;
        SseEndpointBinding.AddInvalid(ref errors, "query string", "n", "x", "int");

        SseEndpointBinding.Validate(ref errors, "n", 0, new DefaultHttpContext(), [new RangeAttribute(1, 10)]);

        Assert.NotNull(errors);
        Assert.Equal(["The query string value 'n' = 'x' is not a valid int.", "The field n must be between 1 and 10."], errors["n"]);
    }

    [Fact]
    public void Validate_TwoFailedRequiredAttributes_OnlyTheFirstIsReported()
    {
        Dictionary<string, string[]>? errors = null;

        SseEndpointBinding.Validate(ref errors, "q", null, new DefaultHttpContext(), [new RequiredAttribute { ErrorMessage = "first" }, new RequiredAttribute { ErrorMessage = "second" }]);

        Assert.NotNull(errors);
        Assert.Equal(["first"], errors["q"]);
    }

    [Fact]
    public void Validate_SatisfiedRequired_StillReportsTheOtherFailures()
    {
        Dictionary<string, string[]>? errors = null;

        SseEndpointBinding.Validate(ref errors, "tag", "ABCDEFG", new DefaultHttpContext(), [new RequiredAttribute(), new StringLengthAttribute(5)]);

        Assert.NotNull(errors);
        Assert.Equal(["The field tag must be a string with a maximum length of 5."], errors["tag"]);
    }

    [Fact]
    public void Validate_AttributesSeeTheKeyAsMemberAndDisplayName_AndTheRequestAsInstanceAndServices()
    {
        var services = new ServiceCollection().AddSingleton(new Marker("from the request's services")).BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        Dictionary<string, string[]>? errors = null;

        SseEndpointBinding.Validate(ref errors, "room", "x", context, [new DescribesItsContextAttribute()]);

        Assert.NotNull(errors);
        Assert.Equal(["member=room display=room instance=True service=from the request's services"], errors["room"]);
    }

    [Fact]
    public void Validate_FailureWithoutAMessage_GetsOneNamingTheKey()
    {
        Dictionary<string, string[]>? errors = null;

        SseEndpointBinding.Validate(ref errors, "room", "x", new DefaultHttpContext(), [new FailsSilentlyAttribute()]);

        Assert.NotNull(errors);
        Assert.Equal(["The field room is invalid."], errors["room"]);
    }

    [Fact]
    public void Validate_NullArguments_Throw()
    {
        Dictionary<string, string[]>? errors = null;

        Assert.Throws<ArgumentNullException>("context", () => SseEndpointBinding.Validate(ref errors, "n", 1, null!, []));
        Assert.Throws<ArgumentNullException>("attributes", () => SseEndpointBinding.Validate(ref errors, "n", 1, new DefaultHttpContext(), null!));
    }

    [Fact]
    public async Task WriteBadRequestAsync_WritesAValidationProblemAs400()
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        Dictionary<string, string[]>? errors = null;
        SseEndpointBinding.AddMissing(ref errors, "route", "room");

        await SseEndpointBinding.WriteBadRequestAsync(context, errors!);

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        using JsonDocument problem = JsonDocument.Parse(body.ToArray());
        JsonElement root = problem.RootElement;
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.1", root.GetProperty("type").GetString());
        Assert.Equal("One or more validation errors occurred.", root.GetProperty("title").GetString());
        Assert.Equal(400, root.GetProperty("status").GetInt32());
        Assert.Equal("The route value 'room' is required.", root.GetProperty("errors").GetProperty("room")[0].GetString());
    }

    [Fact]
    public async Task WriteBadRequestAsync_NullContext_Throws() =>
        await Assert.ThrowsAsync<ArgumentNullException>("context", () => SseEndpointBinding.WriteBadRequestAsync(null!, []));

    [Fact]
    public void ResultMetadata_NotFound_DescribesA404()
    {
        MethodInfo method = typeof(SseEndpointBindingHelpersTests).GetMethod(nameof(ResultMetadata_NotFound_DescribesA404))!;

        IEnumerable<object> metadata = SseEndpointBinding.ResultMetadata<NotFound>(method);

        IProducesResponseTypeMetadata produces = Assert.Single(metadata.OfType<IProducesResponseTypeMetadata>());
        Assert.Equal(StatusCodes.Status404NotFound, produces.StatusCode);
    }

    [Fact]
    public void ResultMetadata_NullMethod_Throws() =>
        Assert.Throws<ArgumentNullException>("method", () => SseEndpointBinding.ResultMetadata<NotFound>(null!));

    [Fact]
    public void GetJsonOptions_ConfiguredOptions_AreTheApplicationsOwn()
    {
        ServiceProvider services = new ServiceCollection()
            .ConfigureHttpJsonOptions(o => o.SerializerOptions.MaxDepth = 7)
            .BuildServiceProvider();

        JsonSerializerOptions options = SseEndpointBinding.GetJsonOptions(services);

        Assert.Equal(7, options.MaxDepth);
    }

    [Fact]
    public void GetJsonOptions_NothingConfigured_AreTheWebDefaults()
    {
        JsonSerializerOptions options = SseEndpointBinding.GetJsonOptions(new ServiceCollection().BuildServiceProvider());

        Assert.Same(JsonNamingPolicy.CamelCase, options.PropertyNamingPolicy);
        Assert.True(options.PropertyNameCaseInsensitive);
    }

    [Fact]
    public void EnsureServices_MissingService_ThrowsNamingTheEndpointAndTheService()
    {
        ServiceProvider services = new ServiceCollection().AddSingleton(new Marker("x")).BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => SseEndpointBinding.EnsureServices(services, "Feeds.Ticks", typeof(Marker), typeof(Uri)));

        Assert.Equal("The SSE endpoint 'Feeds.Ticks' needs the service 'System.Uri', which is not registered: register it, or make the parameter nullable.", error.Message);
    }

    [Fact]
    public void EnsureServices_AllRegistered_DoesNotThrow()
    {
        ServiceProvider services = new ServiceCollection().AddSingleton(new Marker("x")).BuildServiceProvider();

        SseEndpointBinding.EnsureServices(services, "Feeds.Ticks", typeof(Marker));
    }

    [Fact]
    public void EnsureServices_ContainerThatCannotTell_IsTrusted()
    {
        // A container without IServiceProviderIsService cannot answer at startup; the request fails later instead.
        SseEndpointBinding.EnsureServices(new EmptyServiceProvider(), "Feeds.Ticks", typeof(Marker));
    }

    [Fact]
    public void UnknownEventType_NullItem_SaysNullHasNoEventType()
    {
        InvalidOperationException error = SseEndpointBinding.UnknownEventType(null, "MyApp.Update");

        Assert.Equal("A null item cannot be written to a stream of 'MyApp.Update': each item needs the event type of its [SseEvent] type.", error.Message);
    }

    [Fact]
    public void UnknownEventType_ItemOfAnotherType_NamesItsTypeAndTheStreamsType()
    {
        InvalidOperationException error = SseEndpointBinding.UnknownEventType(new Marker("x"), "MyApp.Update");

        Assert.Equal(
            "'SseGen.Tests.AspNetCore.SseEndpointBindingHelpersTests+Marker' is not one of the [SseEvent] types of 'MyApp.Update' found at build time, so it cannot be written to its stream; declare it with [SseEvent(\"name\")] in the endpoint's assembly or the assembly of 'MyApp.Update'.",
            error.Message);
    }

    private sealed record Marker(string Text);

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }

    [AttributeUsage(AttributeTargets.Parameter)]
    private sealed class DescribesItsContextAttribute : ValidationAttribute
    {
        protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
            new($"member={validationContext.MemberName} display={validationContext.DisplayName} instance={validationContext.ObjectInstance is HttpContext} service={(validationContext.GetService(typeof(Marker)) as Marker)?.Text}");
    }

    [AttributeUsage(AttributeTargets.Parameter)]
    private sealed class FailsSilentlyAttribute : ValidationAttribute
    {
        protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) => new(null);
    }
}
