using SseGen.Generator.Tests.Infrastructure;
using Xunit;

namespace SseGen.Generator.Tests.Emitting;

/// <summary>
/// A declared end sentinel (<c>EndSentinel = "[DONE]"</c>) on each side of the stream: the endpoint's options write it, the
/// generated C# client's request ends on it, and the TypeScript client closes on it.
/// </summary>
public sealed class EndSentinelEmitterTests
{
    private const string Chunks = """
        using System.Text.Json.Serialization;
        using SseGen.Client;

        namespace MyApp;

        public sealed record Chunk(string Id, string Text);

        public interface ICompletions
        {
            [SseEndpoint("/completions/{model}", EndSentinel = "[DONE]")]
            IAsyncEnumerable<Chunk> Stream(string model, CancellationToken ct);

            [SseEndpoint("/completions/{model}/quoted", EventType = "chunk", EndSentinel = "say \"done\"")]
            IAsyncEnumerable<Chunk> Quoted(string model, [LastEventId] string? lastId, CancellationToken ct);
        }

        [JsonSerializable(typeof(Chunk))]
        internal sealed partial class CompletionsJson : JsonSerializerContext
        {
            // System.Text.Json's generator does not run in these compilations: its members by hand, so the client compiles.
            public CompletionsJson() : base(null) { }

            public static CompletionsJson Default { get; } = new();

            protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;

            public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
        }
        """;

    [Fact]
    public Task EndSentinel_BecomesTheEndpointsStreamOption() => GeneratorSnapshot.VerifyAsync("""
        namespace MyApp;

        public sealed record Chunk(string Id, string Text);

        public static class Completions
        {
            [SseEndpoint("/completions", EndSentinel = "[DONE]", HeartbeatSeconds = 0)]
            public static async IAsyncEnumerable<Chunk> Stream()
            {
                await Task.Yield();
                yield return new Chunk("1", "a");
            }
        }
        """);

    [Fact]
    public Task EndSentinel_OnAContract_IsSetOnEachRequestOfTheClient() => GeneratorSnapshot.VerifyAsync(Chunks + """

        [SseClient(typeof(ICompletions), JsonContext = typeof(CompletionsJson))]
        internal sealed partial class CompletionsClient;
        """);

    [Fact]
    public Task EndSentinel_IsPassedToTheTypeScriptEndpoint() => ClientScriptSnapshot.VerifyAsync("""
        namespace MyApp;

        public sealed record Chunk(string Id, string Text);

        public static class Completions
        {
            [SseEndpoint("/completions", EndSentinel = "[DONE]")]
            public static IAsyncEnumerable<Chunk> Stream() => throw new NotImplementedException();

            [SseEndpoint("/plain")]
            public static IAsyncEnumerable<string> Plain() => throw new NotImplementedException();
        }
        """);
}
