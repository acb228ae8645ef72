namespace SseGen.Client;

/// <summary>
/// Makes the SseGen generator implement <see cref="Contract"/>, an interface of <c>[SseEndpoint]</c> methods, on the
/// <see langword="partial"/> class it marks: each method requests its route over an <see cref="SseClient"/> and reads the
/// events as the server writes them.
/// </summary>
/// <param name="contract">The contract interface the server maps.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SseClientAttribute(Type contract) : Attribute
{
    /// <summary>The contract interface the server maps.</summary>
    public Type Contract { get; } = contract;

    /// <summary>The source-generated <c>JsonSerializerContext</c> whose <c>JsonTypeInfo</c> reads JSON items; needed when the contract has any.</summary>
    public Type? JsonContext { get; set; }
}
