using System.Net.ServerSentEvents;
using System.Text.Json;

namespace SseGen.IntegrationTests.RealPrograms;

/// <summary>The sample's LLM gateway: model-format upstreams relayed byte for byte, or read with SseClient and re-typed.</summary>
public sealed class GatewayTests
{
    private const string Reply = "Streaming through SseGen: chunked, flushed per event, safe behind any proxy.";

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task RawRelay_SendsTheUpstreamsBytes_SentinelIncluded(string model)
    {
        CancellationToken ct = TestTimeout.After(60);
        await using SampleApp sample = await SampleApp.StartAsync(ct);
        using var client = new HttpClient { BaseAddress = sample.BaseAddress };

        byte[] upstream = await client.GetByteArrayAsync($"upstream/{model}", ct);
        byte[] relayed = await client.GetByteArrayAsync($"gateway/{model}/raw", ct);

        // Heartbeats are each connection's own (the first falls at a random point of the interval, so it can come before
        // the first event on either); every other byte must be the upstream's.
        Assert.Equal(System.Text.Encoding.UTF8.GetString(RawEventStream.EventBytes(upstream)), System.Text.Encoding.UTF8.GetString(RawEventStream.EventBytes(relayed)));
        List<SseItem<string>> events = [.. SseParser.Create(new MemoryStream(relayed)).Enumerate()];
        Assert.True(events.Count > 5, $"{events.Count} events");
        if (model == "openai")
        {
            Assert.Equal("[DONE]", events[^1].Data);
        }
        else
        {
            Assert.Equal(["message_start", "message_stop"], new[] { events[0].EventType, events[^1].EventType });
        }
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task TypedGateway_StreamsTheReplyAsTokens_AndEndsAtTheUpstreamsEnd(string model)
    {
        CancellationToken ct = TestTimeout.After(60);
        await using SampleApp sample = await SampleApp.StartAsync(ct);
        using var client = new HttpClient { BaseAddress = sample.BaseAddress };
        await using Stream body = await client.GetStreamAsync($"gateway/{model}/tokens", ct);

        var text = new System.Text.StringBuilder();
        await foreach (SseItem<string> item in SseParser.Create(body).EnumerateAsync(ct))
        {
            Assert.Equal("token", item.EventType);
            using JsonDocument token = JsonDocument.Parse(item.Data);
            Assert.Equal(model, token.RootElement.GetProperty("model").GetString());
            text.Append(token.RootElement.GetProperty("text").GetString());
        }

        Assert.Equal(Reply, text.ToString());
    }
}
