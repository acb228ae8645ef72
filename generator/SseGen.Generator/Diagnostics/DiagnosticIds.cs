namespace SseGen.Generator.Diagnostics
{
    /// <summary>
    /// Every diagnostic id SseGen reports, as constants shared with the code fixes and read by release tracking.
    /// SSE0xxx: attribute misuse. SSE1xxx: framing mistakes in hand-written SSE code.
    /// </summary>
    public static class DiagnosticIds
    {
        // ---- SSE0xxx: attribute misuse (generator) ----
        public const string ReturnTypeNotAsyncEnumerable = "SSE0001";
        public const string GenericEndpoint = "SSE0002";
        public const string UnsupportedParameter = "SSE0003";
        public const string InvalidRoutePattern = "SSE0004";
        public const string DuplicateRoute = "SSE0005";
        public const string InvalidEventType = "SSE0006";
        public const string DuplicateEventType = "SSE0007";
        public const string MultipleLastEventId = "SSE0008";
        public const string LastEventIdNotString = "SSE0009";
        public const string InaccessibleEndpoint = "SSE0010";
        public const string InvalidStreamSetting = "SSE0011";
        public const string AttributeNotHonoured = "SSE0012";
        public const string UnionTypeWithoutEventType = "SSE0013";
        public const string ValidationAttributeNotHonoured = "SSE0014";

        // SSE0020 and up: contracts shared with the generated C# client.
        public const string ContractParameterNotSendable = "SSE0020";
        public const string InvalidClientDeclaration = "SSE0021";
        public const string ClientJsonContractMissing = "SSE0022";
        public const string InvalidEndSentinel = "SSE0023";
        public const string ReferencedContractNotMappable = "SSE0024";

        // ---- SSE1xxx: framing (hand-written SSE code) ----

        public const string ConnectionCloseOnEventStream = "SSE1001";
        public const string ContentLengthOnEventStream = "SSE1002";
        public const string HttpListenerEventStreamNotChunked = "SSE1003";
        public const string RawHttpHeadNotChunked = "SSE1004";
        public const string UnsplitDataInFrame = "SSE1005";
        public const string EventStreamNotFlushedInLoop = "SSE1006";
        public const string SseItemSerializedWhole = "SSE1007";
        public const string EventStreamCompressed = "SSE1008";
        public const string EventStreamWithoutHeartbeat = "SSE1009";

    }
}
