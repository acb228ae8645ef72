namespace SseGen.Generator.Emitting.TypeScript
{
    /// <summary>
    /// The <c>fetch</c>-based stream, for what <c>EventSource</c> cannot do (headers such as <c>Authorization</c>): an
    /// event stream parser after the WHATWG rules the runtime writes by (CR, LF and CRLF line ends; one leading BOM
    /// dropped; <c>retry</c> digits only; an <c>id</c> with NUL ignored; an unfinished event at the end discarded), and
    /// reconnection as <c>EventSource</c> does it: after the server's <c>retry</c>, with <c>Last-Event-ID</c>.
    /// </summary>
    internal static class FetchReaderEmitter
    {
        public static void EmitScript(SourceWriter w) => w.Lines(
            "/** A stream over fetch and a ReadableStream: it can send headers; it reconnects and resumes as EventSource does. */\n" +
            "export class FetchStream {\n" +
            "    #decoders;\n" +
            "    #end;\n" +
            "    #init;\n" +
            "    #listeners = new Map();\n" +
            "    #opened = [];\n" +
            "    #failed = [];\n" +
            "    #ended = [];\n" +
            "    #abort = null;\n" +
            "    #timer = null;\n" +
            "    #retry;\n" +
            "    #lastEventId = \"\";\n" +
            "\n" +
            "    constructor(url, init, decoders, end) {\n" +
            "        this.url = url;\n" +
            "        this.#init = init ?? {};\n" +
            "        this.#decoders = decoders;\n" +
            "        this.#end = end;\n" +
            "        this.#retry = this.#init.retry ?? 3000;\n" +
            "        this.#lastEventId = this.#init.lastEventId ?? \"\";\n" +
            "        this.readyState = 0;\n" +
            "        // Started after the caller's synchronous on(...) calls, as EventSource dispatches nothing before then.\n" +
            "        queueMicrotask(() => this.#connect());\n" +
            "    }\n" +
            "\n" +
            "    get lastEventId() { return this.#lastEventId; }\n" +
            "\n" +
            "    /** The reconnection delay in milliseconds: the init's, then the server's last retry field. */\n" +
            "    get retry() { return this.#retry; }\n" +
            "\n" +
            "    on(type, listener) {\n" +
            "        const decode = decoderOf(this.#decoders, type);\n" +
            "        if (!this.#listeners.has(type)) this.#listeners.set(type, []);\n" +
            "        this.#listeners.get(type).push((message) => listener(decode(message.data), message));\n" +
            "        return this;\n" +
            "    }\n" +
            "\n" +
            "    onOpen(listener) { this.#opened.push(listener); return this; }\n" +
            "\n" +
            "    onError(listener) { this.#failed.push(listener); return this; }\n" +
            "\n" +
            "    onEnd(listener) { this.#ended.push(listener); return this; }\n" +
            "\n" +
            "    close() {\n" +
            "        this.readyState = 2;\n" +
            "        clearTimeout(this.#timer);\n" +
            "        this.#abort?.abort();\n" +
            "    }\n" +
            "\n" +
            "    async #connect() {\n" +
            "        if (this.readyState === 2) return;\n" +
            "        this.readyState = 0;\n" +
            "        const abort = new AbortController();\n" +
            "        this.#abort = abort;\n" +
            "        const headers = new Headers(this.#init.headers);\n" +
            "        headers.set(\"Accept\", \"text/event-stream\");\n" +
            "        if (this.#lastEventId !== \"\") headers.set(\"Last-Event-ID\", this.#lastEventId);\n" +
            "        let response;\n" +
            "        try {\n" +
            "            response = await fetch(this.url, {\n" +
            "                headers,\n" +
            "                credentials: this.#init.credentials ?? \"same-origin\",\n" +
            "                cache: \"no-store\",\n" +
            "                signal: abort.signal,\n" +
            "            });\n" +
            "        } catch (error) {\n" +
            "            this.#reconnect(error);\n" +
            "            return;\n" +
            "        }\n" +
            "\n" +
            "        // As EventSource: anything but a 200 event stream fails the stream for good; 204 is the server's no.\n" +
            "        const type = response.headers.get(\"Content-Type\") ?? \"\";\n" +
            "        if (response.status !== 200 || type.split(\";\")[0].trim().toLowerCase() !== \"text/event-stream\" || response.body === null) {\n" +
            "            this.#fail(new Error(`${this.url} answered ${response.status} ${type}`));\n" +
            "            abort.abort();\n" +
            "            return;\n" +
            "        }\n" +
            "\n" +
            "        this.readyState = 1;\n" +
            "        for (const listener of this.#opened) listener();\n" +
            "        try {\n" +
            "            await this.#read(response.body);\n" +
            "            this.#reconnect(null);\n" +
            "        } catch (error) {\n" +
            "            this.#reconnect(error);\n" +
            "        }\n" +
            "    }\n" +
            "\n" +
            "    #reconnect(error) {\n" +
            "        if (this.readyState === 2) return;\n" +
            "        this.readyState = 0;\n" +
            "        for (const listener of this.#failed) listener(error);\n" +
            "        if (this.readyState === 2) return;\n" +
            "        this.#timer = setTimeout(() => this.#connect(), this.#retry);\n" +
            "    }\n" +
            "\n" +
            "    #fail(error) {\n" +
            "        this.readyState = 2;\n" +
            "        for (const listener of this.#failed) listener(error);\n" +
            "    }\n" +
            "\n" +
            "    async #read(body) {\n" +
            "        // TextDecoderStream drops one leading BOM, as the event stream grammar says.\n" +
            "        const reader = body.pipeThrough(new TextDecoderStream()).getReader();\n" +
            "        const parser = new SseLineParser((field, value) => this.#field(field, value));\n" +
            "        this.#event = { type: \"\", data: [], id: this.#lastEventId };\n" +
            "        for (;;) {\n" +
            "            const { value, done } = await reader.read();\n" +
            "            if (done) return;\n" +
            "            parser.push(value);\n" +
            "        }\n" +
            "    }\n" +
            "\n" +
            "    #event = null;\n" +
            "\n" +
            "    #field(field, value) {\n" +
            "        const event = this.#event;\n" +
            "        switch (field) {\n" +
            "            case null:\n" +
            "                this.#dispatch();\n" +
            "                break;\n" +
            "            case \"event\":\n" +
            "                event.type = value;\n" +
            "                break;\n" +
            "            case \"data\":\n" +
            "                event.data.push(value);\n" +
            "                break;\n" +
            "            case \"id\":\n" +
            "                if (!value.includes(\"\\0\")) event.id = value;\n" +
            "                break;\n" +
            "            case \"retry\":\n" +
            "                if (/^[0-9]+$/.test(value)) this.#retry = Number.parseInt(value, 10);\n" +
            "                break;\n" +
            "        }\n" +
            "    }\n" +
            "\n" +
            "    #dispatch() {\n" +
            "        // Closed while a chunk was being parsed (by a listener, or the end sentinel): nothing after it is delivered.\n" +
            "        if (this.readyState === 2) return;\n" +
            "        const event = this.#event;\n" +
            "        this.#lastEventId = event.id;\n" +
            "        const data = event.data;\n" +
            "        const type = event.type === \"\" ? \"message\" : event.type;\n" +
            "        event.type = \"\";\n" +
            "        event.data = [];\n" +
            "        if (data.length === 0) return;\n" +
            "        const joined = data.join(\"\\n\");\n" +
            "        if (type === \"message\" && joined === this.#end) {\n" +
            "            // The server's end sentinel: the stream is complete, not to be resumed.\n" +
            "            this.close();\n" +
            "            for (const listener of this.#ended) listener();\n" +
            "            return;\n" +
            "        }\n" +
            "\n" +
            "        const message = Object.freeze({ type, data: joined, lastEventId: this.#lastEventId });\n" +
            "        for (const listener of this.#listeners.get(type) ?? []) listener(message);\n" +
            "    }\n" +
            "}\n" +
            "\n" +
            "/** Splits decoded text into lines (CRLF, LF or a lone CR, across chunks) and lines into fields; an empty line is field null. */\n" +
            "export class SseLineParser {\n" +
            "    #line = \"\";\n" +
            "    #afterCr = false;\n" +
            "\n" +
            "    constructor(onField) { this.onField = onField; }\n" +
            "\n" +
            "    push(chunk) {\n" +
            "        let start = 0;\n" +
            "        for (let i = 0; i < chunk.length; i++) {\n" +
            "            const c = chunk.charCodeAt(i);\n" +
            "            if (c === 10 && this.#afterCr && i === start && this.#line === \"\") {\n" +
            "                // The LF of a CRLF whose CR ended the previous chunk or line.\n" +
            "                this.#afterCr = false;\n" +
            "                start = i + 1;\n" +
            "                continue;\n" +
            "            }\n" +
            "\n" +
            "            this.#afterCr = false;\n" +
            "            if (c === 10 || c === 13) {\n" +
            "                this.#end(this.#line + chunk.slice(start, i));\n" +
            "                this.#line = \"\";\n" +
            "                this.#afterCr = c === 13;\n" +
            "                start = i + 1;\n" +
            "            }\n" +
            "        }\n" +
            "\n" +
            "        this.#line += chunk.slice(start);\n" +
            "    }\n" +
            "\n" +
            "    #end(line) {\n" +
            "        if (line === \"\") {\n" +
            "            this.onField(null, \"\");\n" +
            "            return;\n" +
            "        }\n" +
            "\n" +
            "        if (line.startsWith(\":\")) return;\n" +
            "        const colon = line.indexOf(\":\");\n" +
            "        if (colon < 0) {\n" +
            "            this.onField(line, \"\");\n" +
            "            return;\n" +
            "        }\n" +
            "\n" +
            "        const value = line.slice(colon + 1);\n" +
            "        this.onField(line.slice(0, colon), value.startsWith(\" \") ? value.slice(1) : value);\n" +
            "    }\n" +
            "}");

        public static void EmitDeclarations(SourceWriter w) => w.Lines(
            "/** What the fetch-based stream sends: headers EventSource cannot (Authorization), and where to resume. */\n" +
            "export interface SseFetchInit {\n" +
            "    readonly headers?: HeadersInit;\n" +
            "    readonly credentials?: RequestCredentials;\n" +
            "    /** The id to resume after, sent as Last-Event-ID on the first request too. */\n" +
            "    readonly lastEventId?: string;\n" +
            "    /** The reconnection delay in milliseconds until the server sends its own retry; 3000 by default. */\n" +
            "    readonly retry?: number;\n" +
            "}\n" +
            "\n" +
            "/** A stream over fetch: sends headers, reconnects after the server's retry with Last-Event-ID. */\n" +
            "export declare class FetchStream<E> implements SseStream<E> {\n" +
            "    private constructor();\n" +
            "    readonly url: string;\n" +
            "    readonly readyState: number;\n" +
            "    readonly lastEventId: string;\n" +
            "    readonly retry: number;\n" +
            "    on<K extends keyof E & string>(type: K, listener: (data: E[K], message: SseMessage) => void): this;\n" +
            "    onOpen(listener: () => void): this;\n" +
            "    onError(listener: (error: unknown) => void): this;\n" +
            "    onEnd(listener: () => void): this;\n" +
            "    close(): void;\n" +
            "}\n" +
            "\n" +
            "/** The event stream line and field rules alone: <onField> gets each field and value, and null for each blank line. */\n" +
            "export declare class SseLineParser {\n" +
            "    constructor(onField: (field: string | null, value: string) => void);\n" +
            "    push(chunk: string): void;\n" +
            "}");
    }
}
