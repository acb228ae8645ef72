using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace SseGen.IntegrationTests;

/// <summary>DataAnnotations on the test app's <c>/validated/{room}</c> parameters, over a real socket: 400 before the stream, or events.</summary>
public sealed class ValidationTests(TestAppServer server) : IClassFixture<TestAppServer>
{
    [Fact]
    public async Task ValueOutOfRange_Gets400WithTheRangeMessageUnderItsKey_BeforeAnyEvent()
    {
        (HttpStatusCode status, JsonElement errors, string body) = await GetProblemAsync("/validated/lobby?n=999&who=ann");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["n"], errors.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["The field n must be between 1 and 10."], Messages(errors, "n"));
        Assert.DoesNotContain("data:", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralInvalidValues_AreAllListed()
    {
        (HttpStatusCode status, JsonElement errors, _) = await GetProblemAsync("/validated/a?n=0&tag=ABC&who=ann");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["n", "room", "tag"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["The field room must be a string with a minimum length of 2 and a maximum length of 8."], Messages(errors, "room"));
        Assert.Equal(["The field n must be between 1 and 10."], Messages(errors, "n"));
        Assert.Equal(["The tag must be lower-case letters."], Messages(errors, "tag"));
    }

    [Fact]
    public async Task RequiredOnANullableValue_MakesItsAbsenceA400WithRequiredsMessage()
    {
        (HttpStatusCode status, JsonElement errors, _) = await GetProblemAsync("/validated/lobby?n=1");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["The who field is required."], Messages(errors, "who"));
    }

    [Fact]
    public async Task MalformedValue_GetsOnlyItsParseError_NotAValidationError()
    {
        (HttpStatusCode status, JsonElement errors, _) = await GetProblemAsync("/validated/lobby?n=many&who=ann");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["The query string value 'n' = 'many' is not a valid int."], Messages(errors, "n"));
    }

    [Fact]
    public async Task ValidValues_Stream()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/validated/lobby?n=2&tag=news&who=ann", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = new List<string>();
        await foreach (SseItem<string> item in SseParser.Create(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken)).EnumerateAsync(TestContext.Current.CancellationToken))
        {
            data.Add(item.Data);
        }

        Assert.Equal(["lobby/news/ann/0", "lobby/news/ann/1"], data);
    }

    [Fact]
    public async Task OpenApi_DescribesTheConstraints_TheRequiredValue_AndThe400()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using JsonDocument document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        JsonElement operation = document.RootElement.GetProperty("paths").GetProperty("/validated/{room}").GetProperty("get");
        Dictionary<string, JsonElement> parameters = operation.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);

        Assert.True(operation.GetProperty("responses").TryGetProperty("400", out _));
        Assert.True(parameters["who"].GetProperty("required").GetBoolean());
        Assert.Equal(1, parameters["n"].GetProperty("schema").GetProperty("minimum").GetInt32());
        Assert.Equal(10, parameters["n"].GetProperty("schema").GetProperty("maximum").GetInt32());
        Assert.Equal("^[a-z]+$", parameters["tag"].GetProperty("schema").GetProperty("pattern").GetString());
    }

    private static string[] Messages(JsonElement errors, string key) =>
        errors.GetProperty(key).EnumerateArray().Select(m => m.GetString()!).ToArray();

    private async Task<(HttpStatusCode Status, JsonElement Errors, string Body)> GetProblemAsync(string path)
    {
        using HttpResponseMessage response = await server.Client.GetAsync(path, TestContext.Current.CancellationToken);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(body);
        return (response.StatusCode, problem.RootElement.GetProperty("errors").Clone(), body);
    }
}
