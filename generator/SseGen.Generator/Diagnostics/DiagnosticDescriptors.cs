using Microsoft.CodeAnalysis;

namespace SseGen.Generator.Diagnostics
{
    /// <summary>The one catalogue of SseGen's diagnostics. Each message names the symbol, says the fix and gives the reason.</summary>
    internal static class DiagnosticDescriptors
    {
        // ---- SSE0xxx: attribute misuse (generator) ----



        // ---- SSE1xxx: framing (hand-written SSE code) ----

        /// <summary>"Remove 'Connection: close' from the event-stream response '{0}': an event stream must be framed by chunks, not by closing the connection"</summary>
        public static readonly DiagnosticDescriptor ConnectionCloseOnEventStream = new(
            id: DiagnosticIds.ConnectionCloseOnEventStream,
            title: "Event stream sets 'Connection: close'",
            messageFormat: "Remove 'Connection: close' from the event-stream response '{0}': an event stream must be framed by chunks, not by closing the connection",
            category: Categories.Framing,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A body that ends only when the connection closes is read correctly by browsers, but proxies that re-frame bodies merge, drop or hold its events.",
            helpLinkUri: HelpLinks.For(DiagnosticIds.ConnectionCloseOnEventStream));

        /// <summary>"Remove the Content-Length from the event-stream response '{0}': an event stream has no length known in advance and must be framed by chunks"</summary>
        public static readonly DiagnosticDescriptor ContentLengthOnEventStream = new(
            id: DiagnosticIds.ContentLengthOnEventStream,
            title: "Event stream sets a Content-Length",
            messageFormat: "Remove the Content-Length from the event-stream response '{0}': an event stream has no length known in advance and must be framed by chunks",
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

    }
}
