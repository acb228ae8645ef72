using System.Net.ServerSentEvents;
using System.Text;

namespace SseGen.IntegrationTests.RealPrograms;

/// <summary>
/// The sample gateway's raw relay compared with its upstream on the wire: both read on raw sockets with the strict
/// chunked decoder, the upstream straight from the sample, the relay straight and through the real nginx and Caddy.
/// </summary>
/// <remarks>
/// Allowed differences, and only these: comment-only frames (heartbeats are each connection's own keep-alive and carry
/// nothing a reader sees), and a <c>retry:</c> line leading the stream (the reconnection time the gateway sets for its
/// own clients). Event names, ids, data lines, the <c>[DONE]</c> sentinel and every blank line must be the same bytes.
/// </remarks>
public sealed class GatewayRelayWireTests(SampleBehindProxies sample) : IClassFixture<SampleBehindProxies>
{
    public static TheoryData<string, string> ModelsAndHops => new()
    {
        { "openai", "direct" },
        { "openai", "nginx" },
        { "openai", "caddy" },
        { "anthropic", "direct" },
        { "anthropic", "nginx" },
        { "anthropic", "caddy" },
    };

    [Theory]
    [MemberData(nameof(ModelsAndHops))]
    public async Task RawRelay_DownstreamEventBytes_EqualTheUpstreams(string model, string via)
    {
        CancellationToken ct = TestTimeout.After(60);
        RawEventStream upstream = await RawEventStream.GetAsync(sample.Sample.BaseAddress, $"/upstream/{model}", ct);
        RawEventStream relayed = await RawEventStream.GetAsync(await sample.AddressAsync(via, ct), $"/gateway/{model}/raw", ct);

        byte[] expected = upstream.EventBytes();
        byte[] actual = relayed.EventBytes();

        AssertIsTheModelsStream(model, expected);
        Assert.True(
            expected.AsSpan().SequenceEqual(actual),
            $"relayed {via}, first difference at byte {expected.AsSpan().CommonPrefixLength(actual)}\nupstream:\n{Encoding.UTF8.GetString(expected)}\nrelayed:\n{Encoding.UTF8.GetString(actual)}");
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task RawRelay_SendsEachEventWhole_InChunksThatEndAtAFrameBoundary(string model)
    {
        // Straight from the gateway only: a proxy may merge or split chunks as it reads them, the origin must not.
        CancellationToken ct = TestTimeout.After(60);

        RawEventStream relayed = await RawEventStream.GetAsync(sample.Sample.BaseAddress, $"/gateway/{model}/raw", ct);

        Assert.NotEmpty(relayed.Chunks);
        Assert.All(relayed.Chunks, chunk => Assert.True(chunk.AsSpan().EndsWith("\n\n"u8), $"a chunk ends inside a frame: {Encoding.UTF8.GetString(chunk)}"));
    }

    private static void AssertIsTheModelsStream(string model, byte[] events)
    {
        // So the comparison is of a real stream, not of two empty or failed bodies.
        List<SseItem<string>> items = SseOracle.Parse(events);
        Assert.True(items.Count > 5, $"{items.Count} events upstream");
        if (model == "openai")
        {
            Assert.Equal("[DONE]", items[^1].Data);
            Assert.Contains("\ndata: [DONE]\n\n", "\n" + Encoding.UTF8.GetString(events), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(["message_start", "message_stop"], new[] { items[0].EventType, items[^1].EventType });
        }
    }
}
