using Microsoft.CodeAnalysis;

namespace SseGen.Generator.Diagnostics
{
    /// <summary>The one catalogue of SseGen's diagnostics. Each message names the symbol, says the fix and gives the reason.</summary>
    internal static class DiagnosticDescriptors
    {
        // ---- SSE0xxx: attribute misuse (generator) ----

        /// <summary>"Return IAsyncEnumerable&lt;T&gt;, or Results&lt;SseStream&lt;T&gt;, ...&gt; to answer another status first (or a Task of either), from '{0}': the generator streams the items of an async enumerable"</summary>
        public static readonly DiagnosticDescriptor ReturnTypeNotAsyncEnumerable = new(
            id: DiagnosticIds.ReturnTypeNotAsyncEnumerable,
            title: "SSE endpoint does not return IAsyncEnumerable<T>",
            messageFormat: "Return IAsyncEnumerable<T>, or Results<SseStream<T>, ...> to answer another status first (or a Task of either), from '{0}': the generator streams the items of an async enumerable",
            category: Categories.Usage, defaultSeverity: DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.ReturnTypeNotAsyncEnumerable));

        /// <summary>"Make '{0}' non-generic and declare it in a non-generic type: the generated handler cannot choose type arguments"</summary>
        public static readonly DiagnosticDescriptor GenericEndpoint = new(
            id: DiagnosticIds.GenericEndpoint,
            title: "SSE endpoint is generic",
            messageFormat: "Make '{0}' non-generic and declare it in a non-generic type: the generated handler cannot choose type arguments",
            category: Categories.Usage, defaultSeverity: DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.GenericEndpoint));

        /// <summary>"Change or remove the parameter '{0}' of type '{1}': {2}"</summary>
        public static readonly DiagnosticDescriptor UnsupportedParameter = new(
            id: DiagnosticIds.UnsupportedParameter,
            title: "SSE endpoint parameter cannot be bound",
            messageFormat: "Change or remove the parameter '{0}' of type '{1}': {2}",
            category: Categories.Usage, defaultSeverity: DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.UnsupportedParameter));

        /// <summary>"Fix the route pattern '{0}' of '{1}': {2}, so routing would reject it at startup"</summary>
        public static readonly DiagnosticDescriptor InvalidRoutePattern = new(
            id: DiagnosticIds.InvalidRoutePattern,
            title: "SSE endpoint route pattern is invalid",
            messageFormat: "Fix the route pattern '{0}' of '{1}': {2}, so routing would reject it at startup",
            category: Categories.Usage, defaultSeverity: DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.InvalidRoutePattern));

        /// <summary>"Give '{0}' a route other than '{1}', which '{2}' already maps: requests would fail as ambiguous"</summary>
        public static readonly DiagnosticDescriptor DuplicateRoute = new(
            id: DiagnosticIds.DuplicateRoute,
            title: "Two SSE endpoints map the same route",
            messageFormat: "Give '{0}' a route other than '{1}', which '{2}' already maps: requests would fail as ambiguous",
            category: Categories.Usage, defaultSeverity: DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.DuplicateRoute),
            customTags: WellKnownDiagnosticTags.CompilationEnd);

        /// <summary>"Use a non-empty event type without CR, LF or NUL on '{0}': a line break would end the event: field early"</summary>
        public static readonly DiagnosticDescriptor InvalidEventType = new(
            id: DiagnosticIds.InvalidEventType,
            title: "SSE event type is empty or contains CR, LF or NUL",
            messageFormat: "Use a non-empty event type without CR, LF or NUL on '{0}': a line break would end the event: field early",
            category: Categories.Usage, defaultSeverity: DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.InvalidEventType));

        /// <summary>"Give '{0}' and '{1}' different event types than '{2}': clients of '{3}' could not tell them apart"</summary>
        public static readonly DiagnosticDescriptor DuplicateEventType = new(
            id: DiagnosticIds.DuplicateEventType,
            title: "Two event types of one stream share an event name",
            messageFormat: "Give '{0}' and '{1}' different event types than '{2}': clients of '{3}' could not tell them apart",
            category: Categories.Usage, defaultSeverity: DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.DuplicateEventType));

        /// <summary>"Keep [LastEventId] on one parameter of '{0}': a request has only one Last-Event-ID header"</summary>
        public static readonly DiagnosticDescriptor MultipleLastEventId = new(
            id: DiagnosticIds.MultipleLastEventId,
            title: "More than one [LastEventId] parameter",
            messageFormat: "Keep [LastEventId] on one parameter of '{0}': a request has only one Last-Event-ID header",
            category: Categories.Usage, defaultSeverity: DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.MultipleLastEventId));

        /// <summary>"Declare the [LastEventId] parameter '{0}' as string?: the Last-Event-ID header is text and absent on a first connection"</summary>
        public static readonly DiagnosticDescriptor LastEventIdNotString = new(
            id: DiagnosticIds.LastEventIdNotString,
            title: "[LastEventId] parameter is not a string",
            messageFormat: "Declare the [LastEventId] parameter '{0}' as string?: the Last-Event-ID header is text and absent on a first connection",
            category: Categories.Usage, defaultSeverity: DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.LastEventIdNotString));

        /// <summary>"Make '{0}' public or internal: the generated endpoint calls it from outside its type"</summary>
        public static readonly DiagnosticDescriptor InaccessibleEndpoint = new(
            id: DiagnosticIds.InaccessibleEndpoint,
            title: "SSE endpoint or its type is not accessible",
            messageFormat: "Make '{0}' public or internal: the generated endpoint calls it from outside its type",
            category: Categories.Usage, defaultSeverity: DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.InaccessibleEndpoint));

        /// <summary>"Set {0} of '{1}' to -1 (the default) or a value of 0 or more: a negative value would be silently ignored"</summary>
        public static readonly DiagnosticDescriptor InvalidStreamSetting = new(
            id: DiagnosticIds.InvalidStreamSetting,
            title: "SSE endpoint setting is negative",
            messageFormat: "Set {0} of '{1}' to -1 (the default) or a value of 0 or more: a negative value would be silently ignored",
            category: Categories.Usage, defaultSeverity: DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.InvalidStreamSetting));

        /// <summary>"Change or remove '{0}' on '{1}': {2}, so it could not become endpoint metadata and the endpoint would run without it"</summary>
        public static readonly DiagnosticDescriptor AttributeNotHonoured = new(
            id: DiagnosticIds.AttributeNotHonoured,
            title: "Attribute of an SSE endpoint cannot become endpoint metadata",
            messageFormat: "Change or remove '{0}' on '{1}': {2}, so it could not become endpoint metadata and the endpoint would run without it",
            category: Categories.Usage, defaultSeverity: DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.AttributeNotHonoured));

        /// <summary>"Give '{0}' an [SseEvent("name")] or make it abstract: '{2}' streams '{1}' as a typed union, and an item of a type without an event type would fail the stream at run time"</summary>
        public static readonly DiagnosticDescriptor UnionTypeWithoutEventType = new(
            id: DiagnosticIds.UnionTypeWithoutEventType,
            title: "Typed-union event type has no [SseEvent]",
            messageFormat: "Give '{0}' an [SseEvent(\"name\")] or make it abstract: '{2}' streams '{1}' as a typed union, and an item of a type without an event type would fail the stream at run time",
            category: Categories.Usage, defaultSeverity: DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.UnionTypeWithoutEventType));

        /// <summary>"Change or remove '{0}' on parameter '{1}' of '{2}': {3}, so the value could not be validated and the endpoint would stream without checking it"</summary>
        public static readonly DiagnosticDescriptor ValidationAttributeNotHonoured = new(
            id: DiagnosticIds.ValidationAttributeNotHonoured,
            title: "Validation attribute of an SSE endpoint parameter cannot be honoured",
            messageFormat: "Change or remove '{0}' on parameter '{1}' of '{2}': {3}, so the value could not be validated and the endpoint would stream without checking it",
            category: Categories.Usage, defaultSeverity: DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.ValidationAttributeNotHonoured));

        /// <summary>"Remove parameter '{0}' from the contract method '{1}', or move the endpoint to a class: a generated client implements the contract and has no service or HttpContext to send"</summary>
        public static readonly DiagnosticDescriptor ContractParameterNotSendable = new(
            id: DiagnosticIds.ContractParameterNotSendable,
            title: "SSE contract method takes a value a client cannot send",
            messageFormat: "Remove parameter '{0}' from the contract method '{1}', or move the endpoint to a class: a generated client implements the contract and has no service or HttpContext to send",
            category: Categories.Usage, defaultSeverity: DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.ContractParameterNotSendable));

        /// <summary>"Fix the [SseClient] declaration '{0}': {1}"</summary>
        public static readonly DiagnosticDescriptor InvalidClientDeclaration = new(
            id: DiagnosticIds.InvalidClientDeclaration,
            title: "SSE client declaration cannot be generated",
            messageFormat: "Fix the [SseClient] declaration '{0}': {1}",
            category: Categories.Usage, defaultSeverity: DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.InvalidClientDeclaration));

        /// <summary>"Add [JsonSerializable(typeof({0}))] to '{1}': the client of '{2}' reads '{0}' as JSON through the context's JsonTypeInfo, without reflection"</summary>
        public static readonly DiagnosticDescriptor ClientJsonContractMissing = new(
            id: DiagnosticIds.ClientJsonContractMissing,
            title: "JSON context of an SSE client lacks an item type",
            messageFormat: "Add [JsonSerializable(typeof({0}))] to '{1}': the client of '{2}' reads '{0}' as JSON through the context's JsonTypeInfo, without reflection",
            category: Categories.Usage, defaultSeverity: DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.ClientJsonContractMissing));

        /// <summary>"Give '{0}' an EndSentinel that is one non-empty line, without CR or LF: it is written as one data: line, and a client ends the stream when an event's data equals it"</summary>
        public static readonly DiagnosticDescriptor InvalidEndSentinel = new(
            id: DiagnosticIds.InvalidEndSentinel,
            title: "SSE end sentinel is empty or contains CR or LF",
            messageFormat: "Give '{0}' an EndSentinel that is one non-empty line, without CR or LF: it is written as one data: line, and a client ends the stream when an event's data equals it",
            category: Categories.Usage, defaultSeverity: DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.InvalidEndSentinel));

        /// <summary>"The contract '{0}' of the referenced assembly '{1}' cannot be mapped: {2}"</summary>
        public static readonly DiagnosticDescriptor ReferencedContractNotMappable = new(
            id: DiagnosticIds.ReferencedContractNotMappable,
            title: "Referenced SSE contract cannot be mapped",
            messageFormat: "The contract '{0}' of the referenced assembly '{1}' cannot be mapped: {2}",
            category: Categories.Usage, defaultSeverity: DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.ReferencedContractNotMappable),
            customTags: WellKnownDiagnosticTags.CompilationEnd);

        // ---- SSE1xxx: framing (hand-written SSE code) ----

        /// <summary>"Remove 'Connection: close' from the event-stream response '{0}'{1}: an event stream must be framed by chunks, not by closing the connection"</summary>
        public static readonly DiagnosticDescriptor ConnectionCloseOnEventStream = new(
            id: DiagnosticIds.ConnectionCloseOnEventStream,
            title: "Event stream sets 'Connection: close'",
            messageFormat: "Remove 'Connection: close' from the event-stream response '{0}'{1}: an event stream must be framed by chunks, not by closing the connection",
            category: Categories.Framing,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A body that ends only when the connection closes is read correctly by browsers, but proxies that re-frame bodies merge, drop or hold its events.",
            helpLinkUri: HelpLinks.For(DiagnosticIds.ConnectionCloseOnEventStream));

        /// <summary>"Remove the Content-Length from the event-stream response '{0}'{1}: an event stream has no length known in advance and must be framed by chunks"</summary>
        public static readonly DiagnosticDescriptor ContentLengthOnEventStream = new(
            id: DiagnosticIds.ContentLengthOnEventStream,
            title: "Event stream sets a Content-Length",
            messageFormat: "Remove the Content-Length from the event-stream response '{0}'{1}: an event stream has no length known in advance and must be framed by chunks",
            category: Categories.Framing,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A Content-Length turns chunked framing off: the body is cut at that length, or the server fails once more events are written.",
            helpLinkUri: HelpLinks.For(DiagnosticIds.ContentLengthOnEventStream));

        /// <summary>"Set '{0}.SendChunked = true' on the event-stream response '{0}': otherwise HttpListener ends the body by closing the connection, which re-framing proxies break on"</summary>
        public static readonly DiagnosticDescriptor HttpListenerEventStreamNotChunked = new(
            id: DiagnosticIds.HttpListenerEventStreamNotChunked,
            title: "HttpListener event stream is not chunked",
            messageFormat: "Set '{0}.SendChunked = true' on the event-stream response '{0}': otherwise HttpListener ends the body by closing the connection, which re-framing proxies break on",
            category: Categories.Framing,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "HttpListenerResponse frames a body of unknown length by closing the connection unless SendChunked is true.",
            helpLinkUri: HelpLinks.For(DiagnosticIds.HttpListenerEventStreamNotChunked));

        /// <summary>"The event-stream HTTP head in '{0}' {1}: {2}, or write SseGen.SseHttpHead and frame the body with SseGen.ChunkedBodyWriter, because a body that ends only when the connection closes breaks re-framing proxies"</summary>
        public static readonly DiagnosticDescriptor RawHttpHeadNotChunked = new(
            id: DiagnosticIds.RawHttpHeadNotChunked,
            title: "Hand-written event-stream HTTP head is not chunked",
            messageFormat: "The event-stream HTTP head in '{0}' {1}: {2}, or write SseGen.SseHttpHead and frame the body with SseGen.ChunkedBodyWriter, because a body that ends only when the connection closes breaks re-framing proxies",
            category: Categories.Framing,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A raw HTTP head for text/event-stream must be HTTP/1.1 with 'Transfer-Encoding: chunked' and without 'Connection: close', and the body must then be sent as chunks.",
            helpLinkUri: HelpLinks.For(DiagnosticIds.RawHttpHeadNotChunked));

        /// <summary>"Write '{0}' with SseGen.SseFrameWriter instead of interpolating it after 'data:': a line break in the value would end the field and could inject fields or whole events"</summary>
        public static readonly DiagnosticDescriptor UnsplitDataInFrame = new(
            id: DiagnosticIds.UnsplitDataInFrame,
            title: "Event data is interpolated without splitting its lines",
            messageFormat: "Write '{0}' with SseGen.SseFrameWriter instead of interpolating it after 'data:': a line break in the value would end the field and could inject fields or whole events",
            category: Categories.Framing,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Every line of event data must be its own 'data:' field; SseFrameWriter splits data on CRLF, LF and lone CR.",
            helpLinkUri: HelpLinks.For(DiagnosticIds.UnsplitDataInFrame));

        /// <summary>"Flush '{0}' after each event written in this loop ({1}): unflushed events wait in buffers, and proxies deliver them late or in bursts"</summary>
        public static readonly DiagnosticDescriptor EventStreamNotFlushedInLoop = new(
            id: DiagnosticIds.EventStreamNotFlushedInLoop,
            title: "Event stream is written in a loop but never flushed",
            messageFormat: "Flush '{0}' after each event written in this loop ({1}): unflushed events wait in buffers, and proxies deliver them late or in bursts",
            category: Categories.Framing,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Compression, response buffering and stream wrappers hold written bytes until a flush; an event stream needs one flush per event.",
            helpLinkUri: HelpLinks.For(DiagnosticIds.EventStreamNotFlushedInLoop));

        /// <summary>"'{0}' with an event type over SseItem&lt;{1}&gt; items writes each whole SseItem as JSON data, losing its own event type and id: drop the event type argument and set EventType on each SseItem"</summary>
        public static readonly DiagnosticDescriptor SseItemSerializedWhole = new(
            id: DiagnosticIds.SseItemSerializedWhole,
            title: "ServerSentEvents over SseItem<T> with an event type serializes each whole SseItem",
            messageFormat: "'{0}' with an event type over SseItem<{1}> items writes each whole SseItem as JSON data, losing its own event type and id: drop the event type argument and set EventType on each SseItem",
            category: Categories.Framing,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "An event type argument selects the overload for plain values, so the SseItem<T> overload that writes each item's data, event type and id is not the one called (dotnet/aspnetcore#64183).",
            helpLinkUri: HelpLinks.For(DiagnosticIds.SseItemSerializedWhole));

        /// <summary>"Response compression covers event streams through '{0}': a compressed stream holds every event its handler does not flush until the stream ends; {1}"</summary>
        public static readonly DiagnosticDescriptor EventStreamCompressed = new(
            id: DiagnosticIds.EventStreamCompressed,
            title: "Response compression covers event streams",
            messageFormat: "Response compression covers event streams through '{0}': a compressed stream holds every event its handler does not flush until the stream ends; {1}",
            category: Categories.Framing,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "ResponseCompressionDefaults.MimeTypes leave text/event-stream out; adding it (or */*) makes the compressing body buffer events between flushes.",
            helpLinkUri: HelpLinks.For(DiagnosticIds.EventStreamCompressed));

        /// <summary>"'{0}' waits at '{1}' in a loop that sends nothing in between: a proxy closes an event stream idle longer than its timeout (nginx and AWS ALB 60 s, Cloudflare 100 s); send a comment line such as ": keep-alive" on a timer while waiting, as SseGen's endpoints do with HeartbeatSeconds"</summary>
        public static readonly DiagnosticDescriptor EventStreamWithoutHeartbeat = new(
            id: DiagnosticIds.EventStreamWithoutHeartbeat,
            title: "Event stream sends nothing while it waits",
            messageFormat: "'{0}' waits at '{1}' in a loop that sends nothing in between: a proxy closes an event stream idle longer than its timeout (nginx and AWS ALB 60 s, Cloudflare 100 s); send a comment line such as \": keep-alive\" on a timer while waiting, as SseGen's endpoints do with HeartbeatSeconds",
            category: Categories.Framing,
            defaultSeverity: DiagnosticSeverity.Info,
            isEnabledByDefault: false,
            description: "Reverse proxies and load balancers close a response that sends no bytes for longer than their idle timeout; an event stream waiting for its next event must send comment lines in between. A suggestion, off by default: how long the waits really are is known only at run time.",
            helpLinkUri: HelpLinks.For(DiagnosticIds.EventStreamWithoutHeartbeat));

    }
}
