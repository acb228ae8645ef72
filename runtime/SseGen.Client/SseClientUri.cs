using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace SseGen.Client;

/// <summary>What generated clients build requests with: route values and query strings formatted as the server parses them.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SseClientUri
{
    /// <summary>A route value, escaped so that a <c>/</c> or <c>?</c> in it stays inside its segment.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The escaped text.</returns>
    public static string Route<T>(T value) => Uri.EscapeDataString(Format(value));

    /// <summary>Appends <c>name=value</c> to <paramref name="query"/>, both escaped.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="query">The query built so far; created on the first value.</param>
    /// <param name="name">The query string name.</param>
    /// <param name="value">The value.</param>
    public static void AddQuery<T>(ref StringBuilder? query, string name, T value)
    {
        query = query is null ? new StringBuilder("?") : query.Append('&');
        query.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(Format(value)));
    }

    /// <summary>The path and its query string.</summary>
    /// <param name="path">The path with its route values.</param>
    /// <param name="query">The query string, if any value was added.</param>
    /// <returns>A relative URI for the <see cref="HttpClient"/>'s base address.</returns>
    public static Uri Build(string path, StringBuilder? query) =>
        new(query is null ? path : path + query.ToString(), UriKind.Relative);

    /// <summary>A value as the server's invariant-culture <c>TryParse</c> reads it back; dates round-trip.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format<T>(T value) => value switch
    {
        null => string.Empty,
        string text => text,
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
