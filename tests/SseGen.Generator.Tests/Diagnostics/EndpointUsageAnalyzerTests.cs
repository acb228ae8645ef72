using Xunit;

namespace SseGen.Generator.Tests.Diagnostics;

/// <summary>Each SSE0xxx rule: it fires on the misuse, and stays quiet on the nearest correct code.</summary>
public sealed class EndpointUsageAnalyzerTests
{
    [Fact]
    public Task SSE0001_ReturnTypeNotAsyncEnumerable_IsReported() => AnalyzerTest.VerifyAsync("""
        public static class Feeds
        {
            [SseEndpoint("/t")]
            public static string {|SSE0001:Ticks|}() => "";
        }
        """);

    [Fact]
    public Task SSE0001_TaskOfAsyncEnumerable_IsAccepted() => AnalyzerTest.VerifyAsync("""
        public static class Feeds
        {
            [SseEndpoint("/t")]
            public static Task<IAsyncEnumerable<string>> Ticks() => throw new NotImplementedException();

            [SseEndpoint("/v")]
            public static ValueTask<IAsyncEnumerable<int>> Values() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0002_GenericMethodOrContainingType_IsReported() => AnalyzerTest.VerifyAsync("""
        public static class Feeds
        {
            [SseEndpoint("/t")]
            public static IAsyncEnumerable<T> {|SSE0002:Ticks|}<T>() => throw new NotImplementedException();
        }

        public static class Generic<T>
        {
            [SseEndpoint("/g")]
            public static IAsyncEnumerable<string> {|SSE0002:Items|}() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0002_NestedNonGenericType_IsAccepted() => AnalyzerTest.VerifyAsync("""
        public static class Outer
        {
            public static class Feeds
            {
                [SseEndpoint("/t")]
                public static IAsyncEnumerable<List<int>> Ticks() => throw new NotImplementedException();
            }
        }
        """);

    [Fact]
    public Task SSE0003_UnsupportedParameters_AreReported() => AnalyzerTest.VerifyAsync("""
        public sealed class Filter { public string? Text { get; set; } }

        public static class Feeds
        {
            [SseEndpoint("/t")]
            public static IAsyncEnumerable<string> Ticks(
                [FromQuery] Filter {|SSE0003:filter|},
                [FromBody] string {|SSE0003:body|},
                ref int {|SSE0003:count|},
                int[] {|SSE0003:ids|},
                (int, int) {|SSE0003:pair|}) => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0003_BindableParameters_AreAccepted() => AnalyzerTest.VerifyAsync("""
        public interface IClock { }
        public enum Level { Low, High }

        public static class Feeds
        {
            [SseEndpoint("/t/{id}")]
            public static IAsyncEnumerable<string> Ticks(
                Guid id,
                int? count,
                Level level,
                DateTimeOffset since,
                [FromHeader(Name = "X-Tenant")] string tenant,
                [FromQuery(Name = "q")] string? query,
                IClock clock,
                [FromServices] TimeProvider time,
                HttpContext context,
                CancellationToken ct) => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0004_InvalidRoutePatterns_AreReported() => AnalyzerTest.VerifyAsync("""
        public static class Feeds
        {
            [SseEndpoint({|SSE0004:"/a/{room"|})]
            public static IAsyncEnumerable<string> A() => throw new NotImplementedException();

            [SseEndpoint({|SSE0004:"/b/{}"|})]
            public static IAsyncEnumerable<string> B() => throw new NotImplementedException();

            [SseEndpoint({|SSE0004:"/c/{x}/{X}"|})]
            public static IAsyncEnumerable<string> C() => throw new NotImplementedException();

            [SseEndpoint({|SSE0004:"/d/{*rest}/more"|})]
            public static IAsyncEnumerable<string> D() => throw new NotImplementedException();

            [SseEndpoint({|SSE0004:"/e//f"|})]
            public static IAsyncEnumerable<string> E() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0004_RoutePatternsRoutingAccepts_AreAccepted() => AnalyzerTest.VerifyAsync("""
        public static class Feeds
        {
            [SseEndpoint("/a/{id:int}/{name?}")]
            public static IAsyncEnumerable<string> A(int id, string? name) => throw new NotImplementedException();

            [SseEndpoint("/b/{**rest}")]
            public static IAsyncEnumerable<string> B(string rest) => throw new NotImplementedException();

            [SseEndpoint("c/{{literal}}/{page=1}")]
            public static IAsyncEnumerable<string> C(int page) => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0005_SameRouteTwice_IsReportedOnTheSecond() => AnalyzerTest.VerifyAsync("""
        public static class Feeds
        {
            [SseEndpoint("/chat/{room}")]
            public static IAsyncEnumerable<string> Chat(string room) => throw new NotImplementedException();

            [SseEndpoint({|SSE0005:"/Chat/{name:alpha}/"|})]
            public static IAsyncEnumerable<string> Chat2(string name) => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0005_DistinctRoutes_AreAccepted() => AnalyzerTest.VerifyAsync("""
        public static class Feeds
        {
            [SseEndpoint("/chat/{room}")]
            public static IAsyncEnumerable<string> Chat(string room) => throw new NotImplementedException();

            [SseEndpoint("/chat/{room}/typing")]
            public static IAsyncEnumerable<string> Typing(string room) => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0006_EventTypesWithLineBreaksNulOrEmpty_AreReported() => AnalyzerTest.VerifyAsync("""
        [SseEvent({|SSE0006:"a\nb"|})]
        public sealed record A;

        [SseEvent({|SSE0006:""|})]
        public sealed record B;

        [SseEvent({|SSE0006:"c\0"|})]
        public sealed record C;

        public static class Feeds
        {
            [SseEndpoint("/t", {|SSE0006:EventType = "tick\r"|})]
            public static IAsyncEnumerable<string> Ticks() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0006_PlainEventTypes_AreAccepted() => AnalyzerTest.VerifyAsync("""
        [SseEvent("price-changed")]
        public sealed record A;

        public static class Feeds
        {
            [SseEndpoint("/t", EventType = "tick")]
            public static IAsyncEnumerable<string> Ticks() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0007_TwoDerivedTypesWithOneEventName_AreReported() => AnalyzerTest.VerifyAsync("""
        public abstract record ChatEvent;

        [SseEvent("said")]
        public sealed record Said(string Text) : ChatEvent;

        [SseEvent("said")]
        public sealed record Shouted(string Text) : ChatEvent;

        public static class Feeds
        {
            [SseEndpoint("/chat")]
            public static {|SSE0007:IAsyncEnumerable<ChatEvent>|} Chat() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0007_DistinctEventNames_AreAccepted() => AnalyzerTest.VerifyAsync("""
        public abstract record ChatEvent;

        [SseEvent("said")]
        public sealed record Said(string Text) : ChatEvent;

        [SseEvent("shouted")]
        public sealed record Shouted(string Text) : ChatEvent;

        public static class Feeds
        {
            [SseEndpoint("/chat")]
            public static IAsyncEnumerable<ChatEvent> Chat() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0008_TwoLastEventIdParameters_AreReported() => AnalyzerTest.VerifyAsync("""
        public static class Feeds
        {
            [SseEndpoint("/t")]
            public static IAsyncEnumerable<string> Ticks([LastEventId] string? a, [LastEventId] string? {|SSE0008:b|}) => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0008_OneLastEventIdParameter_IsAccepted() => AnalyzerTest.VerifyAsync("""
        public static class Feeds
        {
            [SseEndpoint("/t")]
            public static IAsyncEnumerable<string> Ticks([LastEventId] string? a, string? b) => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0009_LastEventIdOnANonString_IsReported() => AnalyzerTest.VerifyAsync("""
        public static class Feeds
        {
            [SseEndpoint("/t")]
            public static IAsyncEnumerable<string> Ticks([LastEventId] long {|SSE0009:lastId|}) => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0009_LastEventIdOnAString_IsAccepted() => AnalyzerTest.VerifyAsync("""
        public static class Feeds
        {
            [SseEndpoint("/t")]
            public static IAsyncEnumerable<string> Ticks([LastEventId] string lastId) => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0010_PrivateMethodOrClass_IsReported() => AnalyzerTest.VerifyAsync("""
        public static class Feeds
        {
            [SseEndpoint("/t")]
            private static IAsyncEnumerable<string> {|SSE0010:Ticks|}() => throw new NotImplementedException();

            private static class Hidden
            {
                [SseEndpoint("/h")]
                public static IAsyncEnumerable<string> {|SSE0010:Items|}() => throw new NotImplementedException();
            }
        }
        """);

    [Fact]
    public Task SSE0010_InternalMethodOfInternalClass_IsAccepted() => AnalyzerTest.VerifyAsync("""
        internal sealed class Feeds
        {
            [SseEndpoint("/t")]
            internal IAsyncEnumerable<string> Ticks() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0012_AttributeTheGeneratedCodeCannotSee_IsReported() => AnalyzerTest.VerifyAsync("""
        public static class Feeds
        {
            private sealed class AuditedAttribute : Attribute { }

            [{|SSE0012:Audited|}]
            [SseEndpoint("/t")]
            public static IAsyncEnumerable<string> Ticks() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0012_ProtectedAttributeOfABaseType_IsReported() => AnalyzerTest.VerifyAsync("""
        public abstract class FeedsBase
        {
            protected sealed class AuditedAttribute : Attribute { }
        }

        public sealed class Feeds : FeedsBase
        {
            [{|SSE0012:Audited|}]
            [SseEndpoint("/t")]
            public IAsyncEnumerable<string> Ticks() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0012_AccessibleAttributes_AreAccepted() => AnalyzerTest.VerifyAsync("""
        internal sealed class AuditedAttribute(string name, Type kind, params int[] levels) : Attribute { public object? Tag { get; set; } }

        [Microsoft.AspNetCore.Authorization.Authorize]
        public static class Feeds
        {
            [Audited("x", typeof(string), 1, 2, Tag = "t")]
            [SseEndpoint("/t")]
            public static IAsyncEnumerable<string> Ticks() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0020_ContractMethodTakingAServiceOrTheContext_IsReported() => AnalyzerTest.VerifyAsync("""
        public interface IClock { }

        public interface IFeeds
        {
            [SseEndpoint("/t")]
            IAsyncEnumerable<string> Ticks(IClock {|SSE0020:clock|});

            [SseEndpoint("/c")]
            IAsyncEnumerable<string> Context(HttpContext {|SSE0020:context|}, [FromServices] IClock {|SSE0020:other|});
        }
        """);

    [Fact]
    public Task SSE0020_ContractMethodWithRequestValuesAndToken_AndClassEndpointsWithServices_AreAccepted() => AnalyzerTest.VerifyAsync("""
        public interface IClock { }

        public interface IFeeds
        {
            [SseEndpoint("/t/{room}")]
            IAsyncEnumerable<string> Ticks(string room, int? count, [FromHeader(Name = "X-Tenant")] string tenant, [LastEventId] string? lastId, CancellationToken ct);
        }

        public sealed class Feeds
        {
            [SseEndpoint("/s")]
            public IAsyncEnumerable<string> Served(IClock clock) => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0014_ValidationAttributeTheGeneratedCodeCannotSee_IsReported() => AnalyzerTest.VerifyAsync("""
        public static class Feeds
        {
            private sealed class EvenAttribute : System.ComponentModel.DataAnnotations.ValidationAttribute { }

            [SseEndpoint("/t")]
            public static IAsyncEnumerable<string> Ticks([{|SSE0014:Even|}] int n) => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0014_VisibleValidationAttributes_AndOnesOnServices_AreAccepted() => AnalyzerTest.VerifyAsync("""
        using System.ComponentModel.DataAnnotations;

        internal sealed class EvenAttribute : ValidationAttribute { }

        public static class Feeds
        {
            private sealed class HiddenAttribute : ValidationAttribute { }

            [SseEndpoint("/t")]
            public static IAsyncEnumerable<string> Ticks([Even, Range(1, 10)] int n, [Required, StringLength(3)] string? q, [FromServices, Hidden] TimeProvider clock) =>
                throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0011_NegativeHeartbeatOrRetry_IsReported() => AnalyzerTest.VerifyAsync("""
        public static class Feeds
        {
            [SseEndpoint("/t", {|SSE0011:HeartbeatSeconds = -5|}, {|SSE0011:RetryMilliseconds = -500|})]
            public static IAsyncEnumerable<string> Ticks() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0011_DefaultsZeroAndPositiveValues_AreAccepted() => AnalyzerTest.VerifyAsync("""
        public static class Feeds
        {
            [SseEndpoint("/a", HeartbeatSeconds = -1, RetryMilliseconds = -1)]
            public static IAsyncEnumerable<string> A() => throw new NotImplementedException();

            [SseEndpoint("/b", HeartbeatSeconds = 0, RetryMilliseconds = 0)]
            public static IAsyncEnumerable<string> B() => throw new NotImplementedException();

            [SseEndpoint("/c", HeartbeatSeconds = 30, RetryMilliseconds = 5000)]
            public static IAsyncEnumerable<string> C() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0013_ConcreteDerivedTypeWithoutSseEvent_IsReported() => AnalyzerTest.VerifyAsync("""
        public abstract record ChatEvent;

        [SseEvent("said")]
        public sealed record Said(string Text) : ChatEvent;

        public sealed record Typing(string User) : ChatEvent;

        public static class Feeds
        {
            [SseEndpoint("/chat")]
            public static {|SSE0013:IAsyncEnumerable<ChatEvent>|} Chat() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0013_EveryConcreteDerivedTypeWithSseEvent_IsAccepted() => AnalyzerTest.VerifyAsync("""
        public abstract record ChatEvent;

        [SseEvent("said")]
        public sealed record Said(string Text) : ChatEvent;

        [SseEvent("typing")]
        public sealed record Typing(string User) : ChatEvent;

        public static class Feeds
        {
            [SseEndpoint("/chat")]
            public static IAsyncEnumerable<ChatEvent> Chat() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0013_AbstractIntermediateWithoutSseEvent_IsAccepted() => AnalyzerTest.VerifyAsync("""
        public abstract record ChatEvent;

        public abstract record UserEvent(string User) : ChatEvent;

        [SseEvent("joined")]
        public sealed record Joined(string User) : UserEvent(User);

        public static class Feeds
        {
            [SseEndpoint("/chat")]
            public static IAsyncEnumerable<ChatEvent> Chat() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0013_ConcreteTypeDerivedFromAnSseEventType_IsAccepted() => AnalyzerTest.VerifyAsync("""
        public abstract record ChatEvent;

        [SseEvent("said")]
        public record Said(string Text) : ChatEvent;

        public sealed record Shouted(string Text) : Said(Text);

        public static class Feeds
        {
            [SseEndpoint("/chat")]
            public static IAsyncEnumerable<ChatEvent> Chat() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0013_AbstractBaseWithoutAnySseEventType_IsPlainJsonAndAccepted() => AnalyzerTest.VerifyAsync("""
        public abstract record Node;

        public sealed record Leaf(int Value) : Node;

        public static class Feeds
        {
            [SseEndpoint("/nodes")]
            public static IAsyncEnumerable<Node> Nodes() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0013_StructImplementingTheInterfaceBaseWithoutSseEvent_IsReported() => AnalyzerTest.VerifyAsync("""
        public interface IFeedEvent;

        [SseEvent("tick")]
        public sealed class Tick : IFeedEvent;

        public struct Ping : IFeedEvent;

        public static class Feeds
        {
            [SseEndpoint("/feed")]
            public static {|SSE0013:IAsyncEnumerable<IFeedEvent>|} Feed() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SSE0013_InterfaceBaseWithEveryConcreteTypeCovered_IsAccepted() => AnalyzerTest.VerifyAsync("""
        public interface IFeedEvent;

        public interface IUserEvent : IFeedEvent;

        public abstract class UserEventBase : IUserEvent;

        [SseEvent("joined")]
        public class Joined : UserEventBase;

        public sealed class JoinedAgain : Joined;

        [SseEvent("ping")]
        public struct Ping : IFeedEvent;

        public static class Feeds
        {
            [SseEndpoint("/feed")]
            public static IAsyncEnumerable<IFeedEvent> Feed() => throw new NotImplementedException();
        }
        """);
}
