namespace SseGen.Generator.Diagnostics.Framing
{
    /// <summary>What a helper can do to the head of a response it is handed, as its callers need to know.</summary>
    internal enum ResponseFact
    {
        /// <summary>Sets the content type to text/event-stream.</summary>
        EventStream,

        /// <summary>Sets <c>Connection: close</c> (or <c>KeepAlive = false</c>).</summary>
        ConnectionClose,

        /// <summary>Sets a Content-Length.</summary>
        ContentLength,

        /// <summary>Sets <c>HttpListenerResponse.SendChunked</c>, to true or to a value not known at compile time.</summary>
        SendChunked,
    }
}
