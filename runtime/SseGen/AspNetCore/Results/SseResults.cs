using System.Net.ServerSentEvents;
using System.Text.Json.Serialization.Metadata;

namespace SseGen;

/// <summary>Creates <see cref="SseStream{T}"/> results, for minimal API handlers that return an event stream.</summary>
public static class SseResults
{
    /// <summary>An event stream of <paramref name="items"/>, as text for strings, else as JSON with the app's minimal-API JSON options.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The events, enumerated when the result executes.</param>
    /// <param name="eventType">The <c>event:</c> name of every item whose type carries no <see cref="SseEventAttribute"/>; <see langword="null"/> for none.</param>
    /// <param name="options">The stream's settings; <see langword="null"/> for <see cref="SseStreamOptions.Default"/>.</param>
    /// <returns>The result to return from the handler.</returns>
    /// <exception cref="ArgumentException"><paramref name="eventType"/> contains CR or LF.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="options"/> has a negative reconnection time.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is an <see cref="SseItem{T}"/> of JSON data named by a type parameter.</exception>
    public static SseStream<T> Stream<T>(IAsyncEnumerable<T> items, string? eventType = null, SseStreamOptions? options = null)
    {
        Validate(items, eventType, options);
        if (SseItemWriters.IsSseItem(typeof(T)))
        {
            RejectEventType(eventType);

            // Reaching the data's contract from here would take MakeGenericMethod, which native AOT cannot run.
            if (typeof(T) != typeof(SseItem<string>))
            {
                throw new NotSupportedException(
                    $"Pass the items as IAsyncEnumerable<SseItem<{typeof(T).GetGenericArguments()[0].Name}>> so the SseItem<TData> overload of SseResults.Stream, which knows the data's type, is chosen.");
            }
        }

        return new SseStream<T>(items, eventType, options, SseItemWriters.ForAppJson<T>);
    }

    /// <summary>An event stream of <paramref name="items"/>, each written as JSON with <paramref name="typeInfo"/>.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The events, enumerated when the result executes.</param>
    /// <param name="typeInfo">The items' contract, for example from a <c>JsonSerializerContext</c>; derived types with <see cref="SseEventAttribute"/> are resolved through its options.</param>
    /// <param name="eventType">The <c>event:</c> name of every item whose type carries no <see cref="SseEventAttribute"/>; <see langword="null"/> for none.</param>
    /// <param name="options">The stream's settings; <see langword="null"/> for <see cref="SseStreamOptions.Default"/>.</param>
    /// <returns>The result to return from the handler.</returns>
    /// <exception cref="ArgumentException"><paramref name="eventType"/> contains CR or LF.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="options"/> has a negative reconnection time.</exception>
    public static SseStream<T> Stream<T>(IAsyncEnumerable<T> items, JsonTypeInfo<T> typeInfo, string? eventType = null, SseStreamOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        Validate(items, eventType, options);
        return new SseStream<T>(items, eventType, options, (_, type) => SseItemWriters.Json(typeInfo.Options, typeInfo, type));
    }

    /// <summary>
    /// An event stream of <paramref name="items"/>, each under its own event type, id and reconnection interval;
    /// text data as text, other data as JSON with the app's minimal-API JSON options.
    /// </summary>
    /// <typeparam name="TData">The type of the items' data.</typeparam>
    /// <param name="items">The events, enumerated when the result executes.</param>
    /// <param name="eventType">Must be <see langword="null"/>: each item names its own event type.</param>
    /// <param name="options">The stream's settings; <see langword="null"/> for <see cref="SseStreamOptions.Default"/>.</param>
    /// <returns>The result to return from the handler.</returns>
    /// <exception cref="ArgumentException"><paramref name="eventType"/> is not <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="options"/> has a negative reconnection time.</exception>
    /// <remarks>
    /// C# picks this overload over the one for any <c>T</c> whenever the items are statically <c>SseItem&lt;TData&gt;</c>;
    /// it has the same parameters so that every call shape reaches it.
    /// </remarks>
    public static SseStream<SseItem<TData>> Stream<TData>(IAsyncEnumerable<SseItem<TData>> items, string? eventType = null, SseStreamOptions? options = null)
    {
        Validate(items, eventType, options);
        RejectEventType(eventType);
        return new SseStream<SseItem<TData>>(items, eventType: null, options, static (services, _) => SseItemWriters.ForAppJsonSseItems<TData>(services));
    }

    /// <summary>An event stream of <paramref name="items"/>, each under its own event type, id and reconnection interval, its data as JSON with <paramref name="typeInfo"/>.</summary>
    /// <typeparam name="TData">The type of the items' data.</typeparam>
    /// <param name="items">The events, enumerated when the result executes.</param>
    /// <param name="typeInfo">The data's contract, for example from a <c>JsonSerializerContext</c>.</param>
    /// <param name="eventType">Must be <see langword="null"/>: each item names its own event type.</param>
    /// <param name="options">The stream's settings; <see langword="null"/> for <see cref="SseStreamOptions.Default"/>.</param>
    /// <returns>The result to return from the handler.</returns>
    /// <exception cref="ArgumentException"><paramref name="eventType"/> is not <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="options"/> has a negative reconnection time.</exception>
    public static SseStream<SseItem<TData>> Stream<TData>(IAsyncEnumerable<SseItem<TData>> items, JsonTypeInfo<TData> typeInfo, string? eventType = null, SseStreamOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        Validate(items, eventType, options);
        RejectEventType(eventType);
        return new SseStream<SseItem<TData>>(items, eventType: null, options, (_, _) => SseItemWriters.SseItemJson(typeInfo));
    }

    // Checked when the handler returns, so a bad argument is the handler's exception (a 500) before any byte is written.
    private static void Validate<T>(IAsyncEnumerable<T> items, string? eventType, SseStreamOptions? options)
    {
        ArgumentNullException.ThrowIfNull(items);
        SseFrameWriter.ValidateEventType(eventType, nameof(eventType));
        if (options?.RetryMilliseconds is { } retry)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(retry, nameof(options));
        }
    }

    private static void RejectEventType(string? eventType)
    {
        if (eventType is not null)
        {
            throw new ArgumentException("SseItem items carry their own event type: set it on each item, not on the stream.", nameof(eventType));
        }
    }
}
