using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SseGen;

/// <summary>
/// Resolves the contract an item type is written with from the app's options, taking the source-generated fast path
/// whenever it writes exactly the bytes the app's options would.
/// </summary>
/// <remarks>
/// <para>
/// System.Text.Json runs a context's generated serialize handler only when the options carry no <c>Encoder</c>; ASP.NET
/// Core's JSON options set <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>, so every app's events take the
/// metadata path: about 30 % of the server's samples of its own in the load tool's 50-stream profile, and a box per item
/// for a struct (40 B per event there). The encoder escapes in
/// two places: string values, as the <see cref="Utf8JsonWriter"/> writes them, and names encoded once with the contract
/// (properties, enum members, type discriminators). SseFrameWriter's writer always carries the app's encoder, so values
/// come out the same on either path; names are the same when both encoders leave them as they are.
/// </para>
/// <para>
/// So the contract comes from a twin of the app's options with no encoder (everything else copied), when every name the
/// contract's graph can write is encoder-neutral: each property name encodes the same under both encoders, and the graph
/// holds no enum, no polymorphic type, no <see cref="object"/> and no custom converter (names those write are not
/// visible here). Otherwise the app's own contract is used, as before.
/// </para>
/// </remarks>
internal static class JsonContracts
{
    // The twin of each app's options, or null when its options cannot have one; one twin per options, so every endpoint
    // shares its contracts cache.
    private static readonly ConditionalWeakTable<JsonSerializerOptions, Twin> Twins = new();

    // The encoder a twin's JSON is written with: the app's, which the twin dropped.
    private static readonly ConditionalWeakTable<JsonSerializerOptions, JavaScriptEncoder> WriterEncoders = new();

    // The contract each app contract resolved to, so a stream that resolves its contract walks no graph.
    private static readonly ConditionalWeakTable<JsonTypeInfo, JsonTypeInfo> Resolved = new();

    /// <summary>The contract of <typeparamref name="T"/> to write items with: the fast twin when it writes the same bytes, else the app's.</summary>
    /// <exception cref="NotSupportedException">The app's options have no contract for <typeparamref name="T"/>.</exception>
    public static JsonTypeInfo<T> Resolve<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)Resolve(options, typeof(T));

    /// <summary>The contract of <paramref name="type"/> to write items with: the fast twin when it writes the same bytes, else the app's.</summary>
    /// <exception cref="NotSupportedException">The app's options have no contract for <paramref name="type"/>.</exception>
    public static JsonTypeInfo Resolve(JsonSerializerOptions options, Type type)
    {
        ArgumentNullException.ThrowIfNull(options);

        // The app's contract first: a type it has no contract for fails with the serializer's own message.
        JsonTypeInfo appInfo = options.GetTypeInfo(type);
        return Resolved.GetValue(appInfo, static info => ResolveTwin(info));
    }

    /// <summary>The encoder JSON written with <paramref name="options"/>' contracts is escaped with: the app's for a twin.</summary>
    public static JavaScriptEncoder? WriterEncoder(JsonSerializerOptions options) =>
        WriterEncoders.TryGetValue(options, out JavaScriptEncoder? encoder) ? encoder : options.Encoder;

    private static JsonTypeInfo ResolveTwin(JsonTypeInfo appInfo)
    {
        JsonSerializerOptions options = appInfo.Options;
        Type type = appInfo.Type;

        // Only a source-generated context has a fast path to gain: reflection contracts would be built twice for nothing.
        if (appInfo.OriginatingResolver is not JsonSerializerContext)
        {
            return appInfo;
        }

        if (Twins.GetValue(options, static o => new Twin(CreateTwinOptions(o))).Options is not { } twinOptions)
        {
            return appInfo;
        }

        try
        {
            JsonTypeInfo twinInfo = twinOptions.GetTypeInfo(type);
            return WritesNeutralNames(twinInfo, options.Encoder!, new HashSet<Type>()) ? twinInfo : appInfo;
        }
        catch (NotSupportedException)
        {
            return appInfo;
        }
    }

    private static JsonSerializerOptions? CreateTwinOptions(JsonSerializerOptions options)
    {
        // Without an encoder the app's options already take the fast path; with converters or reference handling the
        // twin would not take it either, and those may write names of their own.
        if (options.Encoder is null || options.Converters.Count > 0 || options.ReferenceHandler is not null || options.TypeInfoResolver is null)
        {
            return null;
        }

        var twin = new JsonSerializerOptions(options) { Encoder = null };
        twin.MakeReadOnly();
        WriterEncoders.AddOrUpdate(twin, options.Encoder);
        return twin;
    }

    // Whether everything the contract can write escapes the same under encoder as under the default one, apart from
    // string values (the writer's encoder escapes those on both paths).
    private static bool WritesNeutralNames(JsonTypeInfo info, JavaScriptEncoder encoder, HashSet<Type> seen)
    {
        if (!seen.Add(info.Type))
        {
            return true;
        }

        Type type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (type.IsEnum || type == typeof(object) || info.PolymorphismOptions is not null
            || info.Converter.GetType().Assembly != typeof(JsonSerializer).Assembly)
        {
            return false;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (JsonPropertyInfo property in info.Properties)
                {
                    if (property.CustomConverter is not null || !IsNeutral(property.Name, encoder)
                        || !WritesNeutralNames(info.Options.GetTypeInfo(property.PropertyType), encoder, seen))
                    {
                        return false;
                    }
                }

                return true;
            case JsonTypeInfoKind.Enumerable:
                return WritesNeutralNames(info.Options.GetTypeInfo(info.ElementType!), encoder, seen);
            case JsonTypeInfoKind.Dictionary:
                // Keys go through the writer's encoder, as values do, unless their converter names them (an enum key).
                return WritesNeutralNames(info.Options.GetTypeInfo(info.KeyType!), encoder, seen)
                    && WritesNeutralNames(info.Options.GetTypeInfo(info.ElementType!), encoder, seen);
            default:
                // A built-in converter of a value (numbers, strings, dates, Guid, JsonElement...) writes through the writer.
                return true;
        }
    }

    private static bool IsNeutral(string name, JavaScriptEncoder encoder) =>
        JsonEncodedText.Encode(name, encoder).EncodedUtf8Bytes.SequenceEqual(JsonEncodedText.Encode(name).EncodedUtf8Bytes);

    // A class, so the table can hold "no twin" too.
    private sealed record Twin(JsonSerializerOptions? Options);
}
