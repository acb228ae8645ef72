using SseGen.Generator.Diagnostics;
using Xunit;

namespace SseGen.Generator.Tests.Diagnostics;

/// <summary>SSE0021 and SSE0022: each fires on the misuse of <c>[SseClient]</c>, and stays quiet on the nearest correct code.</summary>
public sealed class ClientUsageAnalyzerTests
{
    private const string Contract = """
        using System.Text.Json.Serialization;
        using SseGen.Client;

        public sealed record Tick(int Number);

        public sealed record Price(decimal Value);

        public interface IFeeds
        {
            [SseEndpoint("/ticks", EventType = "tick")]
            IAsyncEnumerable<Tick> Ticks(int count, CancellationToken ct);

            [SseEndpoint("/prices/{symbol}")]
            IAsyncEnumerable<SseItem<Price>> Prices(string symbol);
        }

        public interface IPlain
        {
            [SseEndpoint("/text")]
            IAsyncEnumerable<string> Text();
        }

        // System.Text.Json's generator does not run here: the members it would write, by hand.
        public abstract class HandContext : JsonSerializerContext
        {
            protected HandContext() : base(null) { }

            protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;

            public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
        }

        [JsonSerializable(typeof(Tick))]
        [JsonSerializable(typeof(Price))]
        public sealed class FullJson : HandContext { }

        [JsonSerializable(typeof(Tick))]
        public sealed class TicksOnlyJson : HandContext { }

        """;

    [Fact]
    public Task SSE0021_ClassNotPartial_IsReported() => AnalyzerTest.VerifyAsync<ClientUsageAnalyzer>(Contract + """
        [SseClient(typeof(IPlain))]
        public sealed class {|SSE0021:PlainClient|} { }
        """);

    [Fact]
    public Task SSE0021_ContractNotAnInterface_OrWithoutEndpoints_IsReported() => AnalyzerTest.VerifyAsync<ClientUsageAnalyzer>(Contract + """
        public interface IEmpty { }

        public interface IMixed
        {
            [SseEndpoint("/a")]
            IAsyncEnumerable<string> A();

            IAsyncEnumerable<string> B();
        }

        [SseClient(typeof(string))]
        public sealed partial class {|SSE0021:StringClient|} { }

        [SseClient(typeof(IEmpty))]
        public sealed partial class {|SSE0021:EmptyClient|} { }

        [SseClient(typeof(IMixed))]
        public sealed partial class {|SSE0021:MixedClient|} { }
        """);

    [Fact]
    public Task SSE0021_JsonItemsWithoutAJsonContext_OrWithAContextThatIsNotOne_IsReported() => AnalyzerTest.VerifyAsync<ClientUsageAnalyzer>(Contract + """
        [SseClient(typeof(IFeeds))]
        public sealed partial class {|SSE0021:NoContextClient|} { }

        [SseClient(typeof(IFeeds), JsonContext = typeof(string))]
        public sealed partial class {|SSE0021:WrongContextClient|} { }
        """);

    [Fact]
    public Task SSE0022_ContextWithoutAnItemType_IsReported() => AnalyzerTest.VerifyAsync<ClientUsageAnalyzer>(Contract + """
        [SseClient(typeof(IFeeds), JsonContext = typeof(TicksOnlyJson))]
        public sealed partial class {|SSE0022:FeedsClient|} { }
        """);

    [Fact]
    public Task SSE0021_SSE0022_CompleteDeclarations_AreAccepted() => AnalyzerTest.VerifyAsync<ClientUsageAnalyzer>(Contract + """
        [SseClient(typeof(IFeeds), JsonContext = typeof(FullJson))]
        public sealed partial class FeedsClient { }

        [SseClient(typeof(IPlain))]
        internal sealed partial class PlainClient { }
        """);
}
