using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SseGen.Generator.Tests.Infrastructure;
using Xunit;

namespace SseGen.Generator.Tests.Emitting;

/// <summary>Snapshots of generated clients; each input (a contract, its server, its client) also compiles with its output.</summary>
public sealed class ClientEmitterTests
{
    internal const string Contract = """
        using System.Text.Json.Serialization;
        using SseGen.Client;

        namespace MyApp;

        public sealed record Tick(int Number);

        public sealed record Price(string Symbol, decimal Value);

        public enum Scale { Unit, Hundred }

        public abstract record ChatEvent(string Room);

        [SseEvent("joined")]
        public sealed record Joined(string Room, string User) : ChatEvent(Room);

        [SseEvent("said")]
        public sealed record Said(string Room, string Text) : ChatEvent(Room);

        public interface IFeeds
        {
            [SseEndpoint("/words/{prefix}")]
            IAsyncEnumerable<string> Words(string prefix, int count);

            [SseEndpoint("/ticks/{room:alpha}", EventType = "tick")]
            IAsyncEnumerable<Tick> Ticks(string room, int? count, [FromHeader(Name = "X-Start")] int start, [FromHeader(Name = "X-Tenant")] string? tenant, CancellationToken ct);

            [SseEndpoint("/notes")]
            IAsyncEnumerable<SseItem<string>> Notes([LastEventId] string? lastId, [FromQuery(Name = "q")] string filter = "all", CancellationToken ct = default);

            [SseEndpoint("/prices/{symbol}")]
            IAsyncEnumerable<SseItem<Price>> Prices(string symbol, Scale scale = Scale.Unit, DateTimeOffset? since = null);

            [SseEndpoint("/chat/{room}")]
            IAsyncEnumerable<ChatEvent> Chat(string room, [LastEventId] string? lastId, CancellationToken ct);
        }

        [JsonSerializable(typeof(Tick))]
        [JsonSerializable(typeof(Price))]
        [JsonSerializable(typeof(Joined))]
        [JsonSerializable(typeof(Said))]
        internal sealed partial class FeedsJson : JsonSerializerContext
        {
            // System.Text.Json's generator does not run in these compilations: its members by hand, so the client compiles.
            public FeedsJson() : base(null) { }

            public static FeedsJson Default { get; } = new();

            protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;

            public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
        }
        """;

    [Fact]
    public Task ContractInTheSameProject_GetsAClientForEveryItemKind() => GeneratorSnapshot.VerifyAsync(Contract + """

        [SseClient(typeof(IFeeds), JsonContext = typeof(FeedsJson))]
        internal sealed partial class FeedsClient
        {
        }
        """);

    [Fact]
    public Task ContractFromAReferencedAssembly_IsReadFromMetadata()
    {
        CSharpCompilation contract = TestCompilation.Create("""
            namespace Shared;

            public sealed record Tick(int Number);

            public interface IClock
            {
                [SseEndpoint("/clock/{zone}", EventType = "tick")]
                IAsyncEnumerable<Tick> Ticks(string zone, int count);
            }

            [System.Text.Json.Serialization.JsonSerializable(typeof(Tick))]
            public sealed partial class ClockJson : System.Text.Json.Serialization.JsonSerializerContext
            {
                // System.Text.Json's generator does not run in these compilations: its members by hand, so the client compiles.
                public ClockJson() : base(null) { }

                public static ClockJson Default { get; } = new();

                protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;

                public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
            }
            """).WithAssemblyName("Shared");
        (Compilation built, _) = GeneratorRunner.Run(contract);
        using var image = new MemoryStream();
        Assert.True(built.Emit(image, cancellationToken: TestContext.Current.CancellationToken).Success);

        CSharpCompilation app = TestCompilation.Create("""
            namespace Client;

            [SseGen.Client.SseClient(typeof(Shared.IClock), JsonContext = typeof(Shared.ClockJson))]
            public sealed partial class ClockClient
            {
            }
            """).AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        return GeneratorSnapshot.VerifyAsync(app);
    }
}
