namespace SseGen.Generator.Model
{
    /// <summary>How the items of an endpoint are written.</summary>
    internal enum ItemKind
    {
        /// <summary><c>string</c>: the text is the data.</summary>
        String,

        /// <summary>Any other type: compact JSON through its <c>JsonTypeInfo</c>.</summary>
        Json,

        /// <summary><c>SseItem&lt;string&gt;</c>: the item's text with its own event type, id and retry.</summary>
        SseItemString,

        /// <summary><c>SseItem&lt;T&gt;</c>: the item's data as JSON with its own event type, id and retry.</summary>
        SseItemJson,

        /// <summary>An abstract base whose derived types carry <c>[SseEvent]</c>: a type switch, one event type per case.</summary>
        Union,
    }
}
