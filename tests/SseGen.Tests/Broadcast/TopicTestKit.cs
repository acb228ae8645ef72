using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SseGen.Tests.Broadcast;

/// <summary>Topics of <see cref="Tick"/> for tests, and ways to read what they deliver.</summary>
internal static class TopicTestKit
{
    public static SseTopicOptions<Tick> TopicOptions(Action<SseTopicOptions<Tick>>? configure = null)
    {
        var options = new SseTopicOptions<Tick> { TypeInfo = TestJsonContext.Default.Tick, RetryMilliseconds = null };
        configure?.Invoke(options);
        return options;
    }

    public static SseTopic<Tick> Topic(Action<SseTopicOptions<Tick>>? configure = null) => new("test", TopicOptions(configure));

    public static long Sequence(SseFrame frame) =>
        long.Parse(frame.Id![(frame.Id!.IndexOf('-') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);

    public static string Text(SseFrame frame) => Encoding.UTF8.GetString(frame.Utf8.Span);

    /// <summary>Moves once; the frame when one was ready without waiting, else <see langword="null"/> (the move stays pending).</summary>
    public static async Task<SseFrame?> NextReadyAsync(IAsyncEnumerator<SseFrame> reader)
    {
        ValueTask<bool> next = reader.MoveNextAsync();
        if (!next.IsCompleted)
        {
            return null;
        }

        return await next ? reader.Current : throw new InvalidOperationException("The subscription ended.");
    }

    /// <summary>Takes every frame that is ready now; the move that found nothing stays pending and is returned.</summary>
    public static List<SseFrame> TakeReady(IAsyncEnumerator<SseFrame> reader, out ValueTask<bool> pending)
    {
        var frames = new List<SseFrame>();
        while (true)
        {
            pending = reader.MoveNextAsync();
            if (!pending.IsCompleted || !pending.GetAwaiter().GetResult())
            {
                return frames;
            }

            frames.Add(reader.Current);
        }
    }

    /// <summary>A JSON contract of <see cref="Tick"/> whose converter counts its serializations.</summary>
    public static JsonTypeInfo<Tick> CountingTypeInfo(CountingTickConverter converter)
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        options.Converters.Add(converter);
        return (JsonTypeInfo<Tick>)options.GetTypeInfo(typeof(Tick));
    }
}

internal sealed class CountingTickConverter : JsonConverter<Tick>
{
    private int _writes;

    public int Writes => Volatile.Read(ref _writes);

    public override Tick Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

    public override void Write(Utf8JsonWriter writer, Tick value, JsonSerializerOptions options)
    {
        Interlocked.Increment(ref _writes);
        writer.WriteStartObject();
        writer.WriteNumber("count", value.Count);
        writer.WriteString("label", value.Label);
        writer.WriteEndObject();
    }
}
