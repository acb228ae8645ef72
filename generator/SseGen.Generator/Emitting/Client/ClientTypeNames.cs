namespace SseGen.Generator.Emitting.Client
{
    /// <summary>The <c>global::</c>-qualified names of the client runtime types generated clients use.</summary>
    internal static class ClientTypeNames
    {
        public const string SseClient = "global::SseGen.Client.SseClient";
        public const string SseClientRequest = "global::SseGen.Client.SseClientRequest";
        public const string SseClientUri = "global::SseGen.Client.SseClientUri";
        public const string GeneratedClient = "global::SseGen.Client.ISseGeneratedClient";
        public const string StringBuilder = "global::System.Text.StringBuilder";
        public const string Utf8 = "global::System.Text.Encoding.UTF8";
        public const string JsonSerializer = "global::System.Text.Json.JsonSerializer";
        public const string ReadOnlyByteSpan = "global::System.ReadOnlySpan<byte>";
        public const string HttpRequestMessage = "global::System.Net.Http.HttpRequestMessage";
        public const string EqualityComparer = "global::System.Collections.Generic.EqualityComparer";
        public const string SseItem = "global::System.Net.ServerSentEvents.SseItem";
    }
}
