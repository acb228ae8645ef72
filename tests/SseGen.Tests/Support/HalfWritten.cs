using System.Text.Json;
using System.Text.Json.Serialization;

namespace SseGen.Tests;

/// <summary>A value whose converter writes part of an object, then throws.</summary>
[JsonConverter(typeof(HalfWrittenConverter))]
public sealed record HalfWritten(string Text);

/// <summary>Opens an object, writes one property, and throws before closing it.</summary>
public sealed class HalfWrittenConverter : JsonConverter<HalfWritten>
{
    public override HalfWritten Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException();

    public override void Write(Utf8JsonWriter writer, HalfWritten value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("partial", value.Text);
        writer.WriteStartArray("more");
        throw new InvalidOperationException("The converter failed halfway.");
    }
}
