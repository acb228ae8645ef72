using System.Globalization;
using System.Text;

namespace SseGen.Benchmarks.Generator;

/// <summary>
/// The sources of a web app with many <c>[SseEndpoint]</c> methods: 50 feed classes of 10 methods (every fifth class an
/// instance class taken from DI), cycling through every item kind (string, record, <c>SseItem&lt;string&gt;</c>,
/// <c>SseItem&lt;T&gt;</c>, a typed union, <c>Task&lt;IAsyncEnumerable&lt;T&gt;&gt;</c>) and the parameter sources a
/// real app binds (route, query, header, <c>[LastEventId]</c>, services, <c>HttpContext</c>, cancellation), plus the
/// records and unions they send and one file the endpoints do not use.
/// </summary>
internal static class EndpointCorpus
{
    public const int FeedClasses = 50;
    public const int MethodsPerClass = 10;
    public const int EndpointCount = FeedClasses * MethodsPerClass;

    public const string UnrelatedPath = "Pricing/PricingRules.cs";

    private const int RecordTypes = 20;
    private const int UnionTypes = 5;

    /// <summary>A file no endpoint depends on; <see cref="UnrelatedEdited"/> differs from it by one character.</summary>
    public const string Unrelated = """
        namespace Shop.Pricing;

        public sealed class PricingRules
        {
            public int MaxSpreadBasisPoints { get; set; } = 5;

            public bool Accepts(decimal bid, decimal ask) => ask - bid <= bid * MaxSpreadBasisPoints / 10_000m;
        }
        """;

    public static string UnrelatedEdited => Unrelated.Replace("= 5;", "= 6;", StringComparison.Ordinal);

    /// <summary>Every source file as (path, text), <see cref="UnrelatedPath"/> among them.</summary>
    public static IEnumerable<(string Path, string Text)> Sources()
    {
        yield return ("GlobalUsings.cs", SseGen.TestSupport.GlobalUsings.Endpoints);
        yield return ("Model/Services.cs", Services);
        yield return ("Model/Records.cs", Records());
        yield return ("Model/Unions.cs", Unions());
        yield return (UnrelatedPath, Unrelated);
        for (int f = 0; f < FeedClasses; f++)
        {
            yield return ($"Feeds/Feed{f:00}.cs", Feed(f));
        }
    }

    private const string Services = """
        namespace Shop.Model;

        public enum Region { North, South, East, West }

        public interface IClock
        {
            DateTimeOffset Now { get; }
        }

        public interface IMarketData
        {
            IAsyncEnumerable<SseItem<string>> Notices(string tenant, CancellationToken cancellationToken);

            IAsyncEnumerable<T> Stream<T>(string key, CancellationToken cancellationToken);

            Task<IAsyncEnumerable<T>> OpenAsync<T>(string key, CancellationToken cancellationToken);
        }
        """;

    private static string Records()
    {
        var s = new StringBuilder("namespace Shop.Model;\n\n");
        for (int r = 0; r < RecordTypes; r++)
        {
            s.Append(CultureInfo.InvariantCulture, $"public sealed record Record{r}(int Id, string Name, decimal Value, DateTimeOffset At);\n\n");
        }

        return s.ToString();
    }

    private static string Unions()
    {
        var s = new StringBuilder("namespace Shop.Model;\n\n");
        for (int u = 0; u < UnionTypes; u++)
        {
            s.Append(CultureInfo.InvariantCulture, $"""
                public abstract record Union{u}(int Id);

                [SseEvent("u{u}-created")]
                public sealed record Union{u}Created(int Id, string Name) : Union{u}(Id);

                [SseEvent("u{u}-updated")]
                public sealed record Union{u}Updated(int Id, string Name, int Version) : Union{u}(Id);

                [SseEvent("u{u}-deleted")]
                public sealed record Union{u}Deleted(int Id) : Union{u}(Id);


                """);
        }

        return s.ToString();
    }

    private static string Feed(int f)
    {
        bool instance = f % 5 == 4;
        string modifier = instance ? "" : "static ";
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"namespace Shop.Feeds.Area{f % 10};\n\nusing System.Globalization;\nusing Shop.Model;\n\n");
        s.Append(instance
            ? $"public sealed class Feed{f:00}(IClock clock)\n{{\n"
            : $"public static class Feed{f:00}\n{{\n");
        string now = instance ? "clock.Now" : "DateTimeOffset.UtcNow";

        for (int m = 0; m < MethodsPerClass; m++)
        {
            int n = (f * MethodsPerClass) + m;
            string record = $"Record{n % RecordTypes}";
            string route = $"/area{f % 10}/feed{f:00}/m{m}";
            string method = (n % 6) switch
            {
                0 => $$"""
                    [SseEndpoint("{{route}}/rooms/{room}")]
                    public {{modifier}}async IAsyncEnumerable<string> Room{{m}}(string room, [LastEventId] string? lastId, [EnumeratorCancellation] CancellationToken cancellationToken)
                    {
                        int next = lastId is null ? 0 : int.Parse(lastId, CultureInfo.InvariantCulture) + 1;
                        while (!cancellationToken.IsCancellationRequested)
                        {
                            await Task.Delay(1000, cancellationToken);
                            yield return $"{room}: {next++} at {{{now}}:O}";
                        }
                    }
                """,
                1 => $$"""
                    [SseEndpoint("{{route}}/records", HeartbeatSeconds = 15)]
                    public {{modifier}}async IAsyncEnumerable<{{record}}> Records{{m}}(int count, decimal? min, [EnumeratorCancellation] CancellationToken cancellationToken = default)
                    {
                        for (int i = 0; i < count; i++)
                        {
                            await Task.Delay(100, cancellationToken);
                            yield return new {{record}}(i, "item", (min ?? 0m) + i, {{now}});
                        }
                    }
                """,
                2 => $$"""
                    [SseEndpoint("{{route}}/notices")]
                    public {{modifier}}IAsyncEnumerable<SseItem<string>> Notices{{m}}([FromHeader(Name = "X-Tenant")] string tenant, IMarketData market, CancellationToken cancellationToken) =>
                        market.Notices(tenant, cancellationToken);
                """,
                3 => $$"""
                    [SseEndpoint("{{route}}/items/{id:guid}", RetryMilliseconds = 5000)]
                    public {{modifier}}IAsyncEnumerable<SseItem<{{record}}>> Items{{m}}(Guid id, HttpContext httpContext, [FromServices] IMarketData market) =>
                        market.Stream<SseItem<{{record}}>>(id.ToString("N"), httpContext.RequestAborted);
                """,
                4 => $$"""
                    [SseEndpoint("{{route}}/changes")]
                    public {{modifier}}IAsyncEnumerable<Union{{n % UnionTypes}}> Changes{{m}}(Region region, [FromQuery(Name = "since")] DateTimeOffset? since, IMarketData market, CancellationToken cancellationToken) =>
                        market.Stream<Union{{n % UnionTypes}}>($"{region}:{since ?? {{now}}:O}", cancellationToken);
                """,
                _ => $$"""
                    [SseEndpoint("{{route}}/open/{symbol}", EventType = "snapshot")]
                    public {{modifier}}Task<IAsyncEnumerable<{{record}}>> Open{{m}}(string symbol, IMarketData market, CancellationToken cancellationToken) =>
                        market.OpenAsync<{{record}}>(symbol, cancellationToken);
                """,
            };
            s.Append(method).Append("\n\n");
        }

        s.Append("}\n");
        return s.ToString();
    }
}
