using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SseGen.Client;

namespace SseGen.Sample;

/// <summary>
/// The LLM API gateway SseGen exists for: fake upstreams in the two formats model APIs stream (OpenAI's chat-completions
/// chunks ending in <c>data: [DONE]</c>, Anthropic's named message events), and gateway streams that relay them to the page,
/// one as it came and one as typed tokens, read with <see cref="SseClient"/>.
/// </summary>
public static class Gateway
{
    private const string Reply = "Streaming through SseGen: chunked, flushed per event, safe behind any proxy.";

    /// <summary>
    /// A fake OpenAI-style upstream, typed: <c>data: {chunk}</c> per word as JSON, then <c>data: [DONE]</c>, which the
    /// endpoint writes itself once the chunks run out (never when the stream is cut).
    /// </summary>
    [SseEndpoint("/upstream/openai", EndSentinel = "[DONE]")]
    public static async IAsyncEnumerable<ChatCompletionChunk> OpenAiUpstream([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (string word in Words())
        {
            yield return new ChatCompletionChunk("chatcmpl-sample", "chat.completion.chunk", [new ChunkChoice(0, new ChunkDelta(word))]);
            await Task.Delay(40, cancellationToken);
        }
    }

    /// <summary>A fake Anthropic-style upstream: <c>message_start</c>, a <c>content_block_delta</c> per word, <c>message_stop</c>.</summary>
    [SseEndpoint("/upstream/anthropic")]
    public static async IAsyncEnumerable<SseItem<string>> AnthropicUpstream([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new SseItem<string>("""{"type":"message_start","message":{"id":"msg_sample","role":"assistant"}}""", "message_start");
        foreach (string word in Words())
        {
            var delta = new ContentBlockDelta("content_block_delta", 0, new TextDelta("text_delta", word));
            yield return new SseItem<string>(JsonSerializer.Serialize(delta, SampleJsonContext.Default.ContentBlockDelta), "content_block_delta");
            await Task.Delay(40, cancellationToken);
        }

        yield return new SseItem<string>("""{"type":"message_stop"}""", "message_stop");
    }

    /// <summary>The OpenAI upstream relayed as it came: its bytes, event by event, <c>[DONE]</c> included.</summary>
    [SseEndpoint("/gateway/openai/raw")]
    public static IAsyncEnumerable<SseFrame> OpenAiRaw(HttpContext context, IHttpClientFactory http, CancellationToken cancellationToken) =>
        Relay(context, http, "/upstream/openai", cancellationToken);

    /// <summary>The Anthropic upstream relayed as it came.</summary>
    [SseEndpoint("/gateway/anthropic/raw")]
    public static IAsyncEnumerable<SseFrame> AnthropicRaw(HttpContext context, IHttpClientFactory http, CancellationToken cancellationToken) =>
        Relay(context, http, "/upstream/anthropic", cancellationToken);

    /// <summary>The OpenAI upstream as typed tokens: its <c>[DONE]</c> ends the stream.</summary>
    [SseEndpoint("/gateway/openai/tokens", EventType = "token")]
    public static async IAsyncEnumerable<Token> OpenAiTokens(HttpContext context, IHttpClientFactory http, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var client = new SseClient(http.CreateClient(nameof(Gateway)));
        SseClientRequest upstream = Upstream(context, "/upstream/openai") with { EndSentinel = "[DONE]" };
        await foreach (SseItem<ChatCompletionChunk> chunk in client.StreamAsync<ChatCompletionChunk>(upstream, ReadOpenAi, cancellationToken))
        {
            yield return new Token("openai", chunk.Data.Choices[0].Delta.Content ?? "");
        }
    }

    /// <summary>The Anthropic upstream as typed tokens: deltas become tokens, <c>message_stop</c> ends the stream, the rest is skipped.</summary>
    [SseEndpoint("/gateway/anthropic/tokens", EventType = "token")]
    public static async IAsyncEnumerable<Token> AnthropicTokens(HttpContext context, IHttpClientFactory http, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var client = new SseClient(http.CreateClient(nameof(Gateway)));
        await foreach (SseItem<ContentBlockDelta?> delta in client.StreamAsync<ContentBlockDelta?>(Upstream(context, "/upstream/anthropic"), ReadAnthropic, cancellationToken))
        {
            if (delta.Data is null)
            {
                yield break; // message_stop
            }

            yield return new Token("anthropic", delta.Data.Delta.Text);
        }
    }

    private static async IAsyncEnumerable<SseFrame> Relay(HttpContext context, IHttpClientFactory http, string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Nothing parsed, decoded or serialized again: each upstream event's bytes (heartbeats too) become one frame.
        var client = new SseClient(http.CreateClient(nameof(Gateway)));
        await foreach (SseRawEvent item in client.StreamRawAsync(Upstream(context, path), keepComments: true, cancellationToken))
        {
            yield return SseFrame.FromUtf8(item.Utf8.Span);
        }
    }

    // [DONE] never gets here: the request's EndSentinel ends the stream before any reader sees it.
    private static bool ReadOpenAi(string eventType, ReadOnlySpan<byte> data, out ChatCompletionChunk value)
    {
        value = eventType == "message" ? JsonSerializer.Deserialize(data, SampleJsonContext.Default.ChatCompletionChunk)! : null!;
        return eventType == "message";
    }

    private static bool ReadAnthropic(string eventType, ReadOnlySpan<byte> data, out ContentBlockDelta? value)
    {
        value = eventType == "content_block_delta" ? JsonSerializer.Deserialize(data, SampleJsonContext.Default.ContentBlockDelta) : null;
        return eventType is "content_block_delta" or "message_stop";
    }

    // The upstreams live in this app, so the gateway calls back into it; a real gateway names its model API here.
    private static SseClientRequest Upstream(HttpContext context, string path) =>
        new(new Uri($"{context.Request.Scheme}://{context.Request.Host}{path}"));

    private static IEnumerable<string> Words() => Reply.Split(' ').Select((word, i) => i == 0 ? word : " " + word);
}
