using System.Globalization;

namespace SseGen.TestApp;

/// <summary>How urgent a <c>/bindings</c> request is: an enum bound from the query string.</summary>
public enum Priority
{
    Low,
    Normal,
    High,
}

/// <summary>An endpoint whose parameters need each binding the generator emits: a route Guid, an enum and defaults.</summary>
public static class Bindings
{
    [SseEndpoint("/bindings/{id:guid}", EventType = "bound")]
    public static async IAsyncEnumerable<string> Bind(Guid id, Priority priority = Priority.Normal, double weight = 0.5)
    {
        await Task.Yield();
        yield return string.Create(CultureInfo.InvariantCulture, $"{id:D} {priority} {weight:R}");
    }
}
