using System.Text.Json;
using SseGen.Generator.Emitting.TypeScript;
using SseGen.Generator.Model.Client;
using SseGen.Generator.Tests.Infrastructure;
using Xunit;

namespace SseGen.Generator.Tests.Emitting;

/// <summary>Snapshots of the TypeScript client (the ES module and its <c>.d.ts</c>), one per feature of the JSON contract and the URL.</summary>
public sealed class ClientScriptEmitterTests
{
    [Fact]
    public Task PayloadsRoutesAndUnions_FollowTheWebDefaults() => ClientScriptSnapshot.VerifyAsync("""
        using System.Text.Json.Serialization;

        namespace MyApp;

        public enum Mood { Calm, Busy = 5 }

        public sealed record Author(string Name, Guid Id, Author? Mentor);

        public sealed class Message
        {
            public required string Text { get; init; }
            public DateTimeOffset At { get; init; }
            public int? Likes { get; init; }
            public Mood Mood { get; init; }
            public List<string> Tags { get; init; } = [];
            public Dictionary<string, int[]> Counts { get; init; } = [];
            public IReadOnlyList<Author> Authors { get; init; } = [];
            public byte[] Attachment { get; init; } = [];
            public string URLValue { get; init; } = "";
            [JsonPropertyName("x-trace")] public string? Trace { get; init; }
            [JsonIgnore] public string Secret { get; init; } = "";
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Note { get; init; }
            internal string Hidden { get; init; } = "";
        }

        public abstract record RoomEvent(string Room);

        [SseEvent("joined")]
        public sealed record Joined(string Room, Author Who) : RoomEvent(Room);

        [SseEvent("said")]
        public sealed record Said(string Room, Message Message) : RoomEvent(Room);

        public static class Rooms
        {
            [SseEndpoint("/rooms/{room}/{page:int?}")]
            public static IAsyncEnumerable<RoomEvent> Events(string room, int? page, Mood mood, bool verbose = false, [FromQuery(Name = "q")] string? search = null, [FromHeader(Name = "X-Tenant")] string? tenant = null) => throw new NotImplementedException();

            [SseEndpoint("/files/{**path}", EventType = "file")]
            public static IAsyncEnumerable<Message> Files(string path) => throw new NotImplementedException();

            [SseEndpoint("/notes")]
            public static IAsyncEnumerable<SseItem<string>> Notes([LastEventId] string? lastId) => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task SourceGenerationOptions_SetNamesEnumsAndOmissions() => ClientScriptSnapshot.VerifyAsync("""
        using System.Text.Json.Serialization;

        namespace MyApp;

        public enum Level { Low, High }

        [JsonConverter(typeof(JsonStringEnumConverter<Side>))]
        public enum Side { Left, [JsonStringEnumMemberName("right-hand")] Right }

        [Flags]
        public enum Access { None = 0, Read = 1, Write = 2 }

        public sealed record Reading(string SensorName, double? LastValue, Level Level, Side Side, Access Access, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Unit);

        [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
        [JsonSerializable(typeof(Reading))]
        internal abstract class AppJson() : JsonSerializerContext(null);

        public static class Sensors
        {
            [SseEndpoint("/sensors", EventType = "reading")]
            public static IAsyncEnumerable<Reading> Readings() => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task ShapesTheGeneratorCannotKnow_AreUnknown() => ClientScriptSnapshot.VerifyAsync("""
        using System.Text.Json;
        using System.Text.Json.Serialization;

        namespace MyApp;

        public sealed class PointConverter : JsonConverter<Point>
        {
            public override Point Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(0, 0);
            public override void Write(Utf8JsonWriter writer, Point value, JsonSerializerOptions options) => writer.WriteStringValue("0,0");
        }

        [JsonConverter(typeof(PointConverter))]
        public sealed record Point(int X, int Y);

        [JsonPolymorphic]
        [JsonDerivedType(typeof(Circle), "circle")]
        public abstract record Shape;

        public sealed record Circle(double Radius) : Shape;

        public sealed record Drawing(object Anything, JsonElement Raw, Point Origin, Shape Shape, [property: JsonConverter(typeof(PointConverter))] Point Other);

        public static class Drawings
        {
            [SseEndpoint("/drawings", EventType = "drawing")]
            public static IAsyncEnumerable<Drawing> Stream() => throw new NotImplementedException();
        }
        """);

    public static TheoryData<string> PropertyNames() =>
        new(["Name", "URLValue", "ID", "Id", "IOStream", "XmlHTTPRequest2", "Value1Value", "already_snake", "a", "ABC", "LastValue", "HTML5Parser", "With Space", "ÄrgerÜber"]);

    [Theory]
    [MemberData(nameof(PropertyNames))]
    public void NamingPolicies_NameAsSystemTextJsonDoes(string name)
    {
        Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(name), JsonNames.Apply(JsonNaming.CamelCase, name));
        Assert.Equal(JsonNamingPolicy.SnakeCaseLower.ConvertName(name), JsonNames.Apply(JsonNaming.SnakeCaseLower, name));
        Assert.Equal(JsonNamingPolicy.SnakeCaseUpper.ConvertName(name), JsonNames.Apply(JsonNaming.SnakeCaseUpper, name));
        Assert.Equal(JsonNamingPolicy.KebabCaseLower.ConvertName(name), JsonNames.Apply(JsonNaming.KebabCaseLower, name));
        Assert.Equal(JsonNamingPolicy.KebabCaseUpper.ConvertName(name), JsonNames.Apply(JsonNaming.KebabCaseUpper, name));
    }

    [Fact]
    public void ProjectWithoutTheProperty_GetsNoClientScript()
    {
        (_, Microsoft.CodeAnalysis.GeneratorDriverRunResult run) = GeneratorRunner.Run(TestCompilation.Create("""
            namespace MyApp;
            public static class Feeds
            {
                [SseEndpoint("/ticks")]
                public static IAsyncEnumerable<string> Ticks() => throw new NotImplementedException();
            }
            """));

        Assert.DoesNotContain(run.Results.Single().GeneratedSources, s => s.HintName == SseGen.Generator.Emitting.ClientScriptEmitter.HintName);
    }
}
