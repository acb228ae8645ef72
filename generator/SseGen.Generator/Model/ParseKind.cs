namespace SseGen.Generator.Model
{
    /// <summary>How a request value becomes a parameter value.</summary>
    internal enum ParseKind
    {
        /// <summary>Not from text: services, the context, the cancellation token.</summary>
        None,

        /// <summary>The text itself.</summary>
        String,

        /// <summary><c>IParsable&lt;T&gt;.TryParse</c> under the invariant culture.</summary>
        Parsable,

        /// <summary><c>Enum.TryParse</c>, ignoring case.</summary>
        Enum,
    }
}
