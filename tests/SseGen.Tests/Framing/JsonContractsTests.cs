using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsCheck;
using AspNetJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace SseGen.Tests.Framing;

/// <summary>
/// The contract an endpoint writes with (<see cref="JsonContracts"/>): on the source-generated fast path where that writes
/// exactly the bytes of the app's options, the app's own contract everywhere else; checked against
/// <see cref="JsonSerializer"/> with the app's options as the oracle.
/// </summary>
public sealed class JsonContractsTests
{
    // Text that the two encoders escape differently: HTML-sensitive characters, non-ASCII, a line separator, controls.
    private static readonly Gen<string> Text = Gen.OneOf(
            "a", "Z", " ", "<", ">", "&", "'", "+", "\"", "\\", "é", "日本", "😀", "\u2028", "\n", "\r", "\0", "\t", "`", "/")
        .Array[0, 10]
        .Select(pieces => string.Concat(pieces));

    [Fact]
    public void NeutralContract_TakesTheFastTwin_AndWritesTheAppsBytes()
    {
        JsonSerializerOptions app = AppOptions();

        var typeInfo = SseEndpointBinding.GetJsonTypeInfo<Quote>(app);

        // The twin's options are not the app's: the app's carry an encoder, which turns the fast path off.
        Assert.NotSame(app, typeInfo.Options);
        Assert.Null(typeInfo.Options.Encoder);
        Gen.Select(Text, Text, Gen.Double[-1e6, 1e6], (symbol, note, price) => new Quote(symbol, price, [note, symbol], new Dictionary<string, string> { [note] = symbol }))
            .Sample(quote => Assert.Equal(JsonSerializer.Serialize(quote, app), WrittenData(writer => writer.WriteJsonEvent(quote, typeInfo))));
    }

    [Fact]
    public void StructItems_OnTheFastTwin_AllocateNothing()
    {
        // Through the app's options a struct is boxed by the metadata path's getters: 40 B an event for this one.
        var typeInfo = SseEndpointBinding.GetJsonTypeInfo<PriceTick>(AppOptions());
        var writer = new SseFrameWriter(new ArrayBufferWriter<byte>(1 << 20));
        writer.WriteJsonEvent(new PriceTick(0, 1.5, "MSFT"), typeInfo, "tick");

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            writer.WriteJsonEvent(new PriceTick(i, 100 + (i / 100.0), "MSFT"), typeInfo, "tick");
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(typeof(NamedInFrench), "a property name the encoders escape differently")]
    [InlineData(typeof(WithStatus), "an enum, whose member names are encoded with the options")]
    [InlineData(typeof(Shape), "a polymorphic type, whose discriminators are encoded with the options")]
    [InlineData(typeof(Loose), "an object property, written by its runtime type")]
    public void ContractThatMayWriteEncodedNames_KeepsTheAppsOwn(Type type, string why)
    {
        JsonSerializerOptions app = AppOptions();

        Assert.True(ReferenceEquals(app, JsonContracts.Resolve(app, type).Options), why);
    }

    [Fact]
    public void KeptContracts_StillWriteTheAppsBytes()
    {
        JsonSerializerOptions app = AppOptions();
        Text.Sample(text =>
        {
            Assert.Equal(JsonSerializer.Serialize(new NamedInFrench(text), app), WrittenData(w => w.WriteJsonEvent(new NamedInFrench(text), JsonContracts.Resolve<NamedInFrench>(app))));
            Assert.Equal(JsonSerializer.Serialize(new WithStatus(text, Status.Open), app), WrittenData(w => w.WriteJsonEvent(new WithStatus(text, Status.Open), JsonContracts.Resolve<WithStatus>(app))));
            Shape shape = new Circle(text.Length);
            Assert.Equal(JsonSerializer.Serialize(shape, app), WrittenData(w => w.WriteJsonEvent(shape, JsonContracts.Resolve<Shape>(app))));
        });
    }

    [Fact]
    public void OptionsWithoutAnEncoder_AreUsedAsTheyAre()
    {
        var plain = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = ContractsJsonContext.Default };

        Assert.Same(plain, SseEndpointBinding.GetJsonTypeInfo<Quote>(plain).Options);
    }

    [Fact]
    public void OptionsWithConverters_KeepTheAppsContract()
    {
        JsonSerializerOptions app = AppOptions();
        var withConverter = new JsonSerializerOptions(app);
        withConverter.Converters.Add(new JsonStringEnumConverter());

        Assert.Same(withConverter, SseEndpointBinding.GetJsonTypeInfo<Quote>(withConverter).Options);
    }

    [Fact]
    public void ReflectionContracts_AreUsedAsTheyAre()
    {
        // No source-generated handler to gain: no twin, no second set of reflection contracts.
        JsonSerializerOptions reflection = new AspNetJsonOptions().SerializerOptions;
        reflection.TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver();

        Assert.Same(reflection, SseEndpointBinding.GetJsonTypeInfo<Quote>(reflection).Options);
    }

    [Fact]
    public void TwinAndAppContracts_OfOneStream_ShareOneJsonWriter()
    {
        // A typed union writes its base through the twin and a case through the app's options: alternating must not
        // create a writer per event.
        JsonSerializerOptions app = AppOptions();
        var twin = SseEndpointBinding.GetJsonTypeInfo<PriceTick>(app);
        var own = app.GetTypeInfo(typeof(Loose));
        Loose[] cases = [.. Enumerable.Range(0, 100).Select(i => new Loose(i))];
        var writer = new SseFrameWriter(new ArrayBufferWriter<byte>(1 << 20));
        writer.WriteJsonEvent(new PriceTick(0, 1, "a"), twin);
        writer.WriteJsonEvent(cases[0], own, "loose");

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < cases.Length; i++)
        {
            writer.WriteJsonEvent(new PriceTick(i, 1, "a"), twin);
            writer.WriteJsonEvent(cases[i], own, "loose");
        }

        // A Utf8JsonWriter is over a hundred bytes: one per switch would be tens of kilobytes here.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 60 * cases.Length, "a JSON writer was created per switch");
    }

    [Fact]
    public void JsonLargerThanTheRoomInTheOutput_IsWrittenWhole()
    {
        JsonSerializerOptions app = AppOptions();
        string big = new('é', 40_000);
        var quote = new Quote(big, 1, ["<x>", big], []);

        Assert.Equal(JsonSerializer.Serialize(quote, app), WrittenData(w => w.WriteJsonEvent(quote, SseEndpointBinding.GetJsonTypeInfo<Quote>(app), "quote", id: "7")));
    }

    // ASP.NET Core's minimal-API JSON options, as an app that registers its context has them.
    private static JsonSerializerOptions AppOptions()
    {
        JsonSerializerOptions options = new AspNetJsonOptions().SerializerOptions;
        options.TypeInfoResolverChain.Insert(0, ContractsJsonContext.Default);
        return options;
    }

    // The one event's data, as SseParser reads it back.
    private static string WrittenData(Action<SseFrameWriter> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(new SseFrameWriter(output));
        return Assert.Single(SseOracle.Parse(output.WrittenSpan)).Data;
    }
}

/// <summary>A record whose names both encoders leave alone: the fast twin's case.</summary>
public sealed record Quote(string Symbol, double Price, List<string> Notes, Dictionary<string, string> Tags);

/// <summary>The load tool's item: a struct, which the metadata path boxes.</summary>
public readonly record struct PriceTick(long Sequence, double Price, string Symbol);

/// <summary>A property name the default encoder escapes and the relaxed one does not.</summary>
public sealed record NamedInFrench([property: JsonPropertyName("prénom")] string Name);

/// <summary>An enum status, written by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Status>))]
public enum Status
{
    /// <summary>Open.</summary>
    Open,
}

/// <summary>A record with an enum.</summary>
public sealed record WithStatus(string Name, Status Status);

/// <summary>A polymorphic base.</summary>
[JsonDerivedType(typeof(Circle), "circle")]
public abstract record Shape;

/// <summary>A polymorphic case.</summary>
public sealed record Circle(int Radius) : Shape;

/// <summary>A record with an object property.</summary>
public sealed record Loose(object Value);

/// <summary>The contracts of these tests, with the web defaults ASP.NET Core's options have.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Quote))]
[JsonSerializable(typeof(PriceTick))]
[JsonSerializable(typeof(NamedInFrench))]
[JsonSerializable(typeof(WithStatus))]
[JsonSerializable(typeof(Shape))]
[JsonSerializable(typeof(Loose))]
[JsonSerializable(typeof(int))]
internal sealed partial class ContractsJsonContext : JsonSerializerContext;
