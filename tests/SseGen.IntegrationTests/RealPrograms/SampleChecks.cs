using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace SseGen.IntegrationTests.RealPrograms;

/// <summary>What the sample must do, checked the same way whether it runs on the JIT or as a native AOT binary.</summary>
internal static class SampleChecks
{
    /// <summary>Reads the chat room's stream up to the first <c>left</c> event and returns the event types in order.</summary>
    public static async Task<List<string>> ReadChatUntilSomeoneLeavesAsync(HttpResponseMessage response, string room, CancellationToken ct)
    {
        var types = new List<string>();
        await foreach (SseItem<string> item in SseParser.Create(await response.Content.ReadAsStreamAsync(ct)).EnumerateAsync(ct))
        {
            types.Add(item.EventType);
            Assert.Contains($"\"room\":\"{room}\"", item.Data, StringComparison.Ordinal);
            if (item.EventType == "left")
            {
                break;
            }
        }

        return types;
    }

    /// <summary>A price stream asked for with an interval that is not a number must get 400 problem details, not a stream.</summary>
    public static async Task AssertBadArgumentGets400Async(Uri baseAddress, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = baseAddress };

        using HttpResponseMessage response = await client.GetAsync("streams/prices/x?intervalMs=soon", ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"intervalMs\"", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        // Out of range: the [Range] on the parameter answers before the stream, instead of an empty 200 to reconnect to.
        using HttpResponseMessage outOfRange = await client.GetAsync("streams/prices/x?intervalMs=5", ct);
        using JsonDocument problem = JsonDocument.Parse(await outOfRange.Content.ReadAsStringAsync(ct));

        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        Assert.Equal("application/problem+json", outOfRange.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["The field intervalMs must be between 20 and 10000."], problem.RootElement.GetProperty("errors").GetProperty("intervalMs").EnumerateArray().Select(e => e.GetString()));
    }
}
