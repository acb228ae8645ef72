namespace SseGen.Generator.Emitting.TypeScript
{
    /// <summary>
    /// The typed wrapper over the browser's <c>EventSource</c>: each event's data decoded as its endpoint declares (JSON or
    /// text); closing and reconnection left to <c>EventSource</c>, so <c>Last-Event-ID</c> resume works as it always has.
    /// </summary>
    internal static class EventSourceWrapperEmitter
    {
        public static void EmitScript(SourceWriter w) => w.Lines(
            "const json = (data) => JSON.parse(data);\n" +
            "const text = (data) => data;\n" +
            "\n" +
            "/** A stream over the browser's EventSource, which reconnects by itself and sends Last-Event-ID. */\n" +
            "export class EventSourceStream {\n" +
            "    #decoders;\n" +
            "    #end;\n" +
            "    #ended = [];\n" +
            "    #lastEventId = \"\";\n" +
            "\n" +
            "    constructor(url, init, decoders, end) {\n" +
            "        this.url = url;\n" +
            "        this.#decoders = decoders;\n" +
            "        this.#end = end;\n" +
            "        this.source = new EventSource(url, init);\n" +
            "        if (end !== undefined) {\n" +
            "            // The server's end sentinel: the stream is complete, so close before EventSource reconnects.\n" +
            "            this.source.addEventListener(\"message\", (message) => {\n" +
            "                if (message.data !== end) return;\n" +
            "                this.close();\n" +
            "                for (const listener of this.#ended) listener();\n" +
            "            });\n" +
            "        }\n" +
            "    }\n" +
            "\n" +
            "    get readyState() { return this.source.readyState; }\n" +
            "\n" +
            "    get lastEventId() { return this.#lastEventId; }\n" +
            "\n" +
            "    on(type, listener) {\n" +
            "        const decode = decoderOf(this.#decoders, type);\n" +
            "        this.source.addEventListener(type, (message) => {\n" +
            "            this.#lastEventId = message.lastEventId;\n" +
            "            if (type === \"message\" && message.data === this.#end) return;\n" +
            "            listener(decode(message.data), message);\n" +
            "        });\n" +
            "        return this;\n" +
            "    }\n" +
            "\n" +
            "    onEnd(listener) { this.#ended.push(listener); return this; }\n" +
            "\n" +
            "    onOpen(listener) {\n" +
            "        this.source.addEventListener(\"open\", () => listener());\n" +
            "        return this;\n" +
            "    }\n" +
            "\n" +
            "    onError(listener) {\n" +
            "        this.source.addEventListener(\"error\", (error) => listener(error));\n" +
            "        return this;\n" +
            "    }\n" +
            "\n" +
            "    close() { this.source.close(); }\n" +
            "}\n" +
            "\n" +
            "// An endpoint whose items name their own event types declares one decoder for any name.\n" +
            "function decoderOf(decoders, type) {\n" +
            "    const decode = Object.prototype.hasOwnProperty.call(decoders, type) ? decoders[type] : decoders[\"*\"];\n" +
            "    if (decode === undefined) throw new TypeError(`the endpoint sends no '${type}' events`);\n" +
            "    return decode;\n" +
            "}");

        public static void EmitDeclarations(SourceWriter w) => w.Lines(
            "/** One received event: its type, its raw data and the id the stream resumes from. */\n" +
            "export interface SseMessage {\n" +
            "    readonly type: string;\n" +
            "    readonly data: string;\n" +
            "    readonly lastEventId: string;\n" +
            "}\n" +
            "\n" +
            "/** An open stream of the events in <E>, by name; its readyState is EventSource's: 0 connecting, 1 open, 2 closed. */\n" +
            "export interface SseStream<E> {\n" +
            "    readonly url: string;\n" +
            "    readonly readyState: number;\n" +
            "    /** The id of the last event received, which a reconnection sends as Last-Event-ID. */\n" +
            "    readonly lastEventId: string;\n" +
            "    /** Calls <listener> with each <type> event's data, decoded as the endpoint writes it. */\n" +
            "    on<K extends keyof E & string>(type: K, listener: (data: E[K], message: SseMessage) => void): this;\n" +
            "    onOpen(listener: () => void): this;\n" +
            "    onError(listener: (error: unknown) => void): this;\n" +
            "    /** Calls <listener> when the server ends the stream with its end sentinel; the stream is then closed. */\n" +
            "    onEnd(listener: () => void): this;\n" +
            "    /** Stops the stream for good: no reconnection. */\n" +
            "    close(): void;\n" +
            "}\n" +
            "\n" +
            "/** A stream over the browser's EventSource; <source> is the EventSource itself. */\n" +
            "export declare class EventSourceStream<E> implements SseStream<E> {\n" +
            "    private constructor();\n" +
            "    readonly url: string;\n" +
            "    readonly source: EventSource;\n" +
            "    readonly readyState: number;\n" +
            "    readonly lastEventId: string;\n" +
            "    on<K extends keyof E & string>(type: K, listener: (data: E[K], message: SseMessage) => void): this;\n" +
            "    onOpen(listener: () => void): this;\n" +
            "    onError(listener: (error: unknown) => void): this;\n" +
            "    onEnd(listener: () => void): this;\n" +
            "    close(): void;\n" +
            "}");
    }
}
