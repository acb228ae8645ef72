using SseGen.Generator.Tests.Infrastructure;
using Xunit;

namespace SseGen.Generator.Tests.Emitting;

/// <summary>Snapshots of the generated endpoint classes, one per feature; each input also compiles with its output.</summary>
public sealed class EndpointEmitterTests
{
    [Fact]
    public Task StringItems_WriteRawData() => GeneratorSnapshot.VerifyAsync("""
        namespace MyApp;

        public static class Feeds
        {
            [SseEndpoint("/ticks")]
            public static async IAsyncEnumerable<string> Ticks()
            {
                await Task.Yield();
                yield return "x";
            }
        }
        """);

    [Fact]
    public Task AttributesOfTheTypeThenTheMethod_BecomeEndpointMetadata() => GeneratorSnapshot.VerifyAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Cors;
        using Microsoft.AspNetCore.RateLimiting;
        using Microsoft.AspNetCore.Routing;

        namespace MyApp;

        public enum Level { Low, High }

        [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true)]
        public sealed class AuditAttribute(string name, Level level, Type kind, params string[] tags) : Attribute
        {
            public string Described => name + level + kind + tags.Length;

            public int Weight { get; set; }

            public double Ratio { get; set; }
        }

        [Obsolete("Use the new audit.")]
        [AttributeUsage(AttributeTargets.Method)]
        public sealed class RetiredAttribute : Attribute
        {
        }

        [Authorize(Policy = "staff")]
        [Tags("feeds")]
        public static class Feeds
        {
            [SseEndpoint("/ticks")]
            [AllowAnonymous, EnableRateLimiting("one"), EnableCors("partners"), EndpointSummary("Ticks"), EndpointName("ticks")]
            [Audit("ticks", Level.High, typeof(List<int>), "a", "b", Weight = 3, Ratio = double.NaN)]
            [Audit(null!, (Level)7, typeof(string))]
        #pragma warning disable CS0618 // applied knowingly; the generated endpoint must not warn again
            [Retired]
        #pragma warning restore CS0618
            public static IAsyncEnumerable<string> Ticks() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task InheritableAttributesOfBaseTypes_ComeFirst_UnlessTheDerivedTypeRepeatsThem() => GeneratorSnapshot.VerifyAsync("""
        using Microsoft.AspNetCore.Authorization;

        namespace MyApp;

        [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
        public sealed class OwnerAttribute(string name) : Attribute
        {
            public string Name => name;
        }

        [AttributeUsage(AttributeTargets.Class, Inherited = false)]
        public sealed class NotInheritedAttribute : Attribute
        {
        }

        [Authorize(Roles = "base")]
        [Owner("base")]
        [NotInherited]
        public abstract class SecuredFeeds
        {
        }

        [Owner("derived")]
        public sealed class Feeds : SecuredFeeds
        {
            [SseEndpoint("/ticks")]
            public IAsyncEnumerable<string> Ticks() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task ResultsWithAStreamCase_AnswerTheOtherCasesBeforeTheStream() => GeneratorSnapshot.VerifyAsync("""
        using Microsoft.AspNetCore.Http.HttpResults;

        namespace MyApp;

        public sealed record Tick(int Number);

        public static class Feeds
        {
            [SseEndpoint("/rooms/{room}")]
            public static async Task<Results<SseStream<Tick>, NotFound, ForbidHttpResult, ProblemHttpResult>> Room(string room, CancellationToken ct)
            {
                await Task.Yield();
                if (room == "attic")
                {
                    return TypedResults.NotFound();
                }

                return SseResults.Stream(Ticks(ct));
            }

            private static async IAsyncEnumerable<Tick> Ticks([EnumeratorCancellation] CancellationToken ct)
            {
                await Task.Delay(1, ct);
                yield return new Tick(1);
            }
        }
        """);

    [Fact]
    public Task JsonItems_UseOneTypeInfoFromTheAppsJsonOptions() => GeneratorSnapshot.VerifyAsync("""
        namespace MyApp;

        public sealed record Tick(int Number);

        public static class Feeds
        {
            [SseEndpoint("/ticks")]
            public static async IAsyncEnumerable<Tick> Ticks(int count, [EnumeratorCancellation] CancellationToken ct)
            {
                for (int i = 0; i < count; i++)
                {
                    await Task.Delay(10, ct);
                    yield return new Tick(i);
                }
            }
        }
        """);

    [Fact]
    public Task JsonItemsOfAnSseEventType_AreWrittenUnderItsEventName() => GeneratorSnapshot.VerifyAsync("""
        namespace MyApp;

        [SseEvent("price")]
        public sealed record Price(decimal Value);

        public static class Feeds
        {
            [SseEndpoint("/prices")]
            public static IAsyncEnumerable<Price> Prices() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SseItemOfString_WritesTheItemsEventTypeIdAndRetry() => GeneratorSnapshot.VerifyAsync("""
        namespace MyApp;

        public static class Feeds
        {
            [SseEndpoint("/items")]
            public static async IAsyncEnumerable<SseItem<string>> Items()
            {
                await Task.Yield();
                yield return new SseItem<string>("x", "note") { EventId = "1" };
            }
        }
        """);

    [Fact]
    public Task SseItemOfT_WritesTheDataAsJson() => GeneratorSnapshot.VerifyAsync("""
        namespace MyApp;

        public sealed record Price(string Symbol, decimal Value);

        public static class Feeds
        {
            [SseEndpoint("/prices")]
            public static async IAsyncEnumerable<SseItem<Price>> Prices()
            {
                await Task.Yield();
                yield return new SseItem<Price>(new Price("A", 1m), "price") { EventId = "1" };
            }
        }
        """);

    [Fact]
    public Task OptionalTextValues_CannotFailBinding_SoNo400IsDescribed() => GeneratorSnapshot.VerifyAsync("""
        namespace MyApp;

        public static class Feeds
        {
            [SseEndpoint("/search")]
            public static IAsyncEnumerable<string> Search(string? q, [LastEventId] string? lastId, [FromHeader(Name = "X-Mode")] string mode = "fast") =>
                throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task ValidationAttributes_AreConstructedOnce_AndCheckedAfterBinding_WithA400Described() => GeneratorSnapshot.VerifyAsync("""
        using System.ComponentModel.DataAnnotations;

        namespace MyApp;

        public static class Feeds
        {
            [SseEndpoint("/rooms/{room}")]
            public static IAsyncEnumerable<string> Rooms(
                [StringLength(8, MinimumLength = 2)] string room,
                [Range(1, 10)] int n,
                [RegularExpression("^[a-z]+$", ErrorMessage = "Only lower-case letters.")] string? tag,
                [Required] string? q,
                [Range(0.5, 2.0)] double scale = 1.0,
                [FromServices, Required] TimeProvider? clock = null) =>
                throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task OptionalTextValueWithRequired_IsRequiredInTheApiDescription() => GeneratorSnapshot.VerifyAsync("""
        using System.ComponentModel.DataAnnotations;

        namespace MyApp;

        public sealed class EvenAttribute : ValidationAttribute
        {
            public override bool IsValid(object? value) => value is not int number || number % 2 == 0;
        }

        public static class Feeds
        {
            [SseEndpoint("/pages")]
            public static IAsyncEnumerable<string> Pages([Required] int? page, [Even] int size = 2, [LastEventId, Required] string? lastId = null) =>
                throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task AbstractBaseWithSseEventTypes_WritesATypeSwitch() => GeneratorSnapshot.VerifyAsync("""
        namespace MyApp;

        public abstract record ChatEvent;

        [SseEvent("joined")]
        public sealed record Joined(string User) : ChatEvent;

        [SseEvent("said")]
        public record Said(string User, string Text) : ChatEvent;

        [SseEvent("shouted")]
        public sealed record Shouted(string User, string Text) : Said(User, Text);

        public static class Feeds
        {
            [SseEndpoint("/chat")]
            public static async IAsyncEnumerable<ChatEvent> Chat()
            {
                await Task.Yield();
                yield return new Joined("ann");
            }
        }
        """);

    [Fact]
    public Task AbstractTypeWithoutSseEventTypes_IsPlainJson() => GeneratorSnapshot.VerifyAsync("""
        namespace MyApp;

        public static class Feeds
        {
            [SseEndpoint("/nodes")]
            public static IAsyncEnumerable<System.Text.Json.Nodes.JsonNode> Nodes() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task RouteValueLastEventIdServiceAndToken_AreBound() => GeneratorSnapshot.VerifyAsync("""
        namespace MyApp;

        public interface IChatHub
        {
            IAsyncEnumerable<string> Listen(string room, string? after, CancellationToken ct);
        }

        public static class Feeds
        {
            [SseEndpoint("/chat/{room}", HeartbeatSeconds = 15)]
            public static IAsyncEnumerable<string> Chat(string room, [LastEventId] string? lastId, IChatHub hub, CancellationToken ct) =>
                hub.Listen(room, lastId, ct);
        }
        """);

    [Fact]
    public Task ExplicitSourcesAndNames_AreBoundWithInvariantParsing() => GeneratorSnapshot.VerifyAsync("""
        namespace MyApp;

        public enum Level { Low, High }

        public static class Feeds
        {
            [SseEndpoint("/orders/{id:guid}")]
            public static async IAsyncEnumerable<string> Orders(
                [FromRoute(Name = "id")] Guid orderId,
                [FromQuery(Name = "n")] int? limit,
                [FromHeader(Name = "X-Tenant")] string tenant,
                Level level = Level.High,
                double scale = 1.5,
                string mode = "full",
                [FromServices] TimeProvider? clock = null,
                HttpContext? context = null)
            {
                await Task.Yield();
                yield return $"{orderId} {limit} {tenant} {level} {scale} {mode} {clock} {context}";
            }
        }
        """);

    [Fact]
    public Task InstanceMethod_GetsItsOwnerFromServicesOrActivatorUtilities() => GeneratorSnapshot.VerifyAsync("""
        namespace MyApp;

        public class Clock(TimeProvider time)
        {
            [SseEndpoint("/now")]
            public async IAsyncEnumerable<DateTimeOffset> Now([EnumeratorCancellation] CancellationToken ct)
            {
                await Task.Yield();
                yield return time.GetUtcNow();
            }
        }
        """);

    [Fact]
    public Task InstanceMethodOfADisposableClass_DisposesTheInstanceItCreated() => GeneratorSnapshot.VerifyAsync("""
        namespace MyApp;

        public sealed class Session : IAsyncDisposable
        {
            [SseEndpoint("/session")]
            public IAsyncEnumerable<string> Events() => throw new NotImplementedException();

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }

        public sealed class Cursor : IDisposable
        {
            [SseEndpoint("/cursor")]
            public IAsyncEnumerable<string> Rows() => throw new NotImplementedException();

            public void Dispose()
            {
            }
        }
        """);

    [Fact]
    public Task TaskOfAsyncEnumerable_IsAwaitedBeforeTheStreamStarts() => GeneratorSnapshot.VerifyAsync("""
        namespace MyApp;

        public static class Feeds
        {
            [SseEndpoint("/later")]
            public static async Task<IAsyncEnumerable<string>> Later()
            {
                await Task.Yield();
                return Items();
            }

            [SseEndpoint("/soon")]
            public static ValueTask<IAsyncEnumerable<string>> Soon() => new(Items());

            private static async IAsyncEnumerable<string> Items()
            {
                await Task.Yield();
                yield return "x";
            }
        }
        """);

    [Fact]
    public Task AttributeSettings_BecomeOneStaticOptionsInstance() => GeneratorSnapshot.VerifyAsync("""
        namespace MyApp;

        public sealed record Tick(int Number);

        public static class Feeds
        {
            [SseEndpoint("/ticks", EventType = "tick", RetryMilliseconds = 3000, HeartbeatSeconds = 0)]
            public static async IAsyncEnumerable<Tick?> Ticks()
            {
                await Task.Yield();
                yield return null;
            }
        }
        """);

    [Fact]
    public Task NestedTypeInTheGlobalNamespace_GetsAFlatClassName() => GeneratorSnapshot.VerifyAsync("""
        public static class Outer
        {
            internal static class Feeds
            {
                [SseEndpoint("/nested")]
                internal static async IAsyncEnumerable<string> Nested()
                {
                    await Task.Yield();
                    yield return "x";
                }
            }
        }
        """);

    [Fact]
    public Task MapSseEndpoints_MapsEveryEndpointInOrdinalOrder_AndConventionsCompose() => GeneratorSnapshot.VerifyAsync("""
        namespace MyApp;

        public static class Feeds
        {
            [SseEndpoint("/b")]
            public static IAsyncEnumerable<string> B() => throw new NotImplementedException();

            [SseEndpoint("/a")]
            public static IAsyncEnumerable<string> A() => throw new NotImplementedException();
        }

        public static class Startup
        {
            public static void Map(WebApplication app) =>
                app.MapSseEndpoints().RequireAuthorization("subscribers").WithTags("sse").WithName("feeds");
        }
        """);

    [Fact]
    public Task SameTypeNameInTwoNamespaces_AndKeywordParameterNames_Compile() => GeneratorSnapshot.VerifyAsync("""
        namespace First
        {
            public static class Feeds
            {
                [SseEndpoint("/first/{class}")]
                public static IAsyncEnumerable<string> Items(int @class, string? @event, bool @checked = true) => throw new NotImplementedException();
            }
        }

        namespace Second
        {
            public static class Feeds
            {
                [SseEndpoint("/second")]
                public static IAsyncEnumerable<string> Items(char @char, Level? @enum) => throw new NotImplementedException();
            }

            public enum Level { Low, High }
        }
        """);

    [Fact]
    public Task Overloads_GetNumberedHintAndClassNames() => GeneratorSnapshot.VerifyAsync("""
        namespace MyApp;

        public static class Feeds
        {
            [SseEndpoint("/ticks")]
            public static IAsyncEnumerable<string> Ticks() => throw new NotImplementedException();

            [SseEndpoint("/ticks/{count}")]
            public static IAsyncEnumerable<string> Ticks(int count) => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task ContractInterfaceMethods_CallTheRegisteredImplementation() => GeneratorSnapshot.VerifyAsync("""
        namespace MyApp;

        public sealed record Tick(int Number);

        public interface IFeeds
        {
            [SseEndpoint("/ticks/{room}", EventType = "tick")]
            IAsyncEnumerable<Tick> Ticks(string room, int count, [LastEventId] string? lastId, CancellationToken ct);
        }

        public sealed class Feeds : IFeeds
        {
            public IAsyncEnumerable<Tick> Ticks(string room, int count, string? lastId, CancellationToken ct) => throw new NotImplementedException();
        }
        """);
}
