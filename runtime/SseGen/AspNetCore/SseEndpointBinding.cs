using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SseGen;

/// <summary>
/// What the endpoints generated for <see cref="SseEndpointAttribute"/> methods call to bind a request:
/// parse text under the invariant culture, collect errors, answer 400 with problem details before any event.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SseEndpointBinding
{
    /// <summary>Parses <paramref name="text"/> with <see cref="IParsable{TSelf}"/> under the invariant culture.</summary>
    /// <typeparam name="T">The parameter's type.</typeparam>
    /// <param name="text">The route value, query string value or header.</param>
    /// <param name="value">The parsed value; <see langword="default"/> on failure.</param>
    /// <returns>Whether <paramref name="text"/> was a valid <typeparamref name="T"/>.</returns>
    public static bool TryParse<T>(string? text, out T value)
        where T : IParsable<T> =>
        T.TryParse(text, CultureInfo.InvariantCulture, out value!);

    /// <summary>Parses <paramref name="text"/> as a name or number of <typeparamref name="T"/>, ignoring case.</summary>
    /// <typeparam name="T">The parameter's enum type.</typeparam>
    /// <param name="text">The route value, query string value or header.</param>
    /// <param name="value">The parsed value; <see langword="default"/> on failure.</param>
    /// <returns>Whether <paramref name="text"/> was a valid <typeparamref name="T"/>.</returns>
    public static bool TryParseEnum<T>(string? text, out T value)
        where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value);

    /// <summary>Records that a required value was not in the request.</summary>
    /// <param name="errors">The errors so far, keyed by the name the request uses; created on the first one.</param>
    /// <param name="source">Where it was looked for: <c>route</c>, <c>query string</c> or <c>header</c>.</param>
    /// <param name="key">The route value, query string or header name.</param>
    public static void AddMissing(ref Dictionary<string, string[]>? errors, string source, string key) =>
        Add(ref errors, key, $"The {source} value '{key}' is required.");

    /// <summary>Records that a value of the request could not be parsed.</summary>
    /// <param name="errors">The errors so far, keyed by the name the request uses; created on the first one.</param>
    /// <param name="source">Where the value came from: <c>route</c>, <c>query string</c> or <c>header</c>.</param>
    /// <param name="key">The route value, query string or header name.</param>
    /// <param name="text">The text that was not a valid value.</param>
    /// <param name="typeName">The parameter's type, as the user wrote it.</param>
    public static void AddInvalid(ref Dictionary<string, string[]>? errors, string source, string key, string text, string typeName) =>
        Add(ref errors, key, $"The {source} value '{key}' = '{text}' is not a valid {typeName}.");

    /// <summary>
    /// Checks a bound value against its parameter's DataAnnotations attributes and records every failure under
    /// <paramref name="key"/>, as minimal APIs' validation does: a failed <see cref="RequiredAttribute"/> is the only
    /// message, since the others would only restate that the value is missing.
    /// </summary>
    /// <param name="errors">The errors so far, keyed by the name the request uses; created on the first one.</param>
    /// <param name="key">The route value, query string or header name: the member and display name of every message.</param>
    /// <param name="value">The value the method would be called with, its default when the request has none.</param>
    /// <param name="context">The request's context: the validation's object instance, and its services the validation's.</param>
    /// <param name="attributes">The parameter's validation attributes, constructed once per endpoint.</param>
    public static void Validate(ref Dictionary<string, string[]>? errors, string key, object? value, HttpContext context, ValidationAttribute[] attributes)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(attributes);

        // With a display name the context needs no reflection over the instance, so this constructor is trim-safe.
        var validationContext = new ValidationContext(context, key, context.RequestServices, items: null) { MemberName = key };
        List<string>? messages = null;
        foreach (ValidationAttribute attribute in attributes)
        {
            if (attribute is RequiredAttribute && attribute.GetValidationResult(value, validationContext) is { } missing)
            {
                messages = [Message(missing, key)];
                break;
            }
        }

        if (messages is null)
        {
            foreach (ValidationAttribute attribute in attributes)
            {
                if (attribute is not RequiredAttribute && attribute.GetValidationResult(value, validationContext) is { } failure)
                {
                    (messages ??= []).Add(Message(failure, key));
                }
            }
        }

        if (messages is not null)
        {
            errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
            errors[key] = errors.TryGetValue(key, out string[]? earlier) ? [.. earlier, .. messages] : [.. messages];
        }
    }

    /// <summary>Answers 400 with a validation problem-details body; the event stream never starts.</summary>
    /// <param name="context">The request's context; its response has not started.</param>
    /// <param name="errors">The parameters that could not be bound, and why.</param>
    /// <returns>A task that completes when the response is written.</returns>
    public static Task WriteBadRequestAsync(HttpContext context, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The same body TypedResults.ValidationProblem writes, serialized with SseGen's own contract: under native AOT
        // the app's resolver chain need not know HttpValidationProblemDetails, and the 400 must not become a 500.
        var problem = new HttpValidationProblemDetails(errors)
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            Title = "One or more validation errors occurred.",
            Status = StatusCodes.Status400BadRequest,
        };
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return context.Response.WriteAsJsonAsync(problem, ProblemDetailsJsonContext.Default.HttpValidationProblemDetails, "application/problem+json", context.RequestAborted);
    }

    /// <summary>
    /// Answers 400 with a validation problem for a topic name built from the request that breaks the rule: the error
    /// under <c>topic</c> says what is wrong with it, not what it was; the event stream never starts.
    /// </summary>
    /// <param name="context">The request's context; its response has not started.</param>
    /// <param name="exception">What the endpoint's <see cref="SseTopicName"/> call threw.</param>
    /// <returns>A task that completes when the response is written.</returns>
    public static Task WriteTopicNameProblemAsync(HttpContext context, SseTopicNameException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return WriteBadRequestAsync(context, new Dictionary<string, string[]>(StringComparer.Ordinal) { ["topic"] = ["The topic name from this request is not valid: " + exception.Reason] });
    }

    /// <summary>
    /// The metadata a result type of an endpoint's <c>Results&lt;SseStream&lt;T&gt;, …&gt;</c> describes itself with (its status
    /// code and body), as minimal APIs collect it from a handler's return type; no reflection.
    /// </summary>
    /// <typeparam name="TResult">A case of the endpoint's results, such as <c>NotFound</c>.</typeparam>
    /// <param name="method">The method that describes the endpoint's request.</param>
    /// <returns>The metadata items to add to the endpoint.</returns>
    public static IEnumerable<object> ResultMetadata<TResult>(MethodInfo method)
        where TResult : IEndpointMetadataProvider
    {
        ArgumentNullException.ThrowIfNull(method);
        var builder = new RouteEndpointBuilder(requestDelegate: null, RoutePatternFactory.Parse("/"), order: 0);
        TResult.PopulateMetadata(method, builder);
        return builder.Metadata;
    }

    /// <summary>The application's configured JSON options for minimal APIs, or their defaults.</summary>
    /// <param name="services">The application's services.</param>
    /// <returns>The serializer options whose contracts the endpoint's items are written with.</returns>
    public static JsonSerializerOptions GetJsonOptions(IServiceProvider services) =>
        services.GetService<IOptions<JsonOptions>>()?.Value.SerializerOptions ?? new JsonOptions().SerializerOptions;

    /// <summary>
    /// The contract an endpoint writes <typeparamref name="T"/> items with, resolved once: the app's, or the same contract
    /// on its source-generated fast path when that writes exactly the same bytes (see the README's "JSON contracts").
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="options">The app's JSON options, from <see cref="GetJsonOptions"/>.</param>
    /// <returns>The contract to pass to <see cref="SseFrameWriter.WriteJsonEvent{T}"/>.</returns>
    /// <exception cref="NotSupportedException"><paramref name="options"/> have no contract for <typeparamref name="T"/>.</exception>
    public static JsonTypeInfo<T> GetJsonTypeInfo<T>(JsonSerializerOptions options) => JsonContracts.Resolve<T>(options);

    /// <summary>
    /// Throws at startup, as minimal APIs do, when a service an endpoint needs is not registered,
    /// instead of failing every request later.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="endpointName">The endpoint, for the message.</param>
    /// <param name="required">The types of the endpoint's required service parameters.</param>
    /// <exception cref="InvalidOperationException">One of <paramref name="required"/> is not registered.</exception>
    public static void EnsureServices(IServiceProvider services, string endpointName, params Type[] required)
    {
        if (services.GetService<IServiceProviderIsService>() is not { } registry)
        {
            return;
        }

        foreach (Type type in required)
        {
            if (!registry.IsService(type))
            {
                throw new InvalidOperationException(
                    $"The SSE endpoint '{endpointName}' needs the service '{type}', which is not registered: register it, or make the parameter nullable.");
            }
        }
    }

    /// <summary>
    /// The exception for an item of a typed union that matches none of the <see cref="SseEventAttribute"/> types found at build time:
    /// <see langword="null"/>, or a type from an assembly the generator did not see (SSE0013 reports the others).
    /// </summary>
    /// <param name="item">The item.</param>
    /// <param name="baseType">The stream's item type.</param>
    /// <returns>The exception to throw.</returns>
    public static InvalidOperationException UnknownEventType(object? item, string baseType) =>
        new(item is null
            ? $"A null item cannot be written to a stream of '{baseType}': each item needs the event type of its [SseEvent] type."
            : $"'{item.GetType()}' is not one of the [SseEvent] types of '{baseType}' found at build time, so it cannot be written to its stream; declare it with [SseEvent(\"name\")] in the endpoint's assembly or the assembly of '{baseType}'.");

    // ValidationResult.Success is null, so a result is a failure; an attribute may still leave its message empty.
    private static string Message(ValidationResult failure, string key) =>
        failure.ErrorMessage ?? $"The field {key} is invalid.";

    private static void Add(ref Dictionary<string, string[]>? errors, string name, string message)
    {
        errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
        errors[name] = [message];
    }
}
