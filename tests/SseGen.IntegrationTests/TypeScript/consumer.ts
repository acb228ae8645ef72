// Uses every endpoint, event and payload field of the test app's generated client: it must compile under --strict.
import { bindings, feeds, greetings, guarded, iMarketFeeds, iSentinelFeeds, policies, relay, rooms, setBaseUrl, validated, waiting } from "./sse-client.js";
import type { Closed, Joined, Opened, Price, Quote, Said, SseStream, Tick, Trade } from "./sse-client.js";

setBaseUrl("");

const tick = (t: Tick): string => `${t.number.toFixed(0)} ${t.label.toUpperCase()}`;
const price = (p: Price): string => `${p.symbol} ${p.value.toFixed(2)}`;
const joined = (j: Joined): string => `${j.room}: ${j.user} joined`;
const said = (s: Said): string => `${s.room}: ${s.user} said ${s.text}`;

const urls: string[] = [
    bindings.bind.url("8c9a3a5e-0000-4000-8000-000000000000", { priority: "High", weight: 0.25 }),
    bindings.bind.url("8c9a3a5e-0000-4000-8000-000000000000"),
    feeds.text.url({ lines: 3 }),
    feeds.text.url(),
    feeds.ticks.url({ count: 2 }),
    validated.stream.url("lobby", { n: 2, who: "ada", tag: "x" }),
];

feeds.ticks({ count: 2 }).on("tick", (t) => tick(t));
feeds.text().on("message", (line: string) => line.length);
feeds.items({ withCredentials: true }).on("note", (note: string, message) => note + message.lastEventId);
feeds.prices("ACME").on("price", (p) => price(p));
feeds.prices.fetch("ACME", { headers: { "X-Scale": "2" } }).on("price", (p) => price(p));
const chat: SseStream<{ joined: Joined; said: Said }> = feeds.chat("lobby")
    .on("joined", (j) => joined(j))
    .on("said", (s) => said(s))
    .onOpen(() => undefined)
    .onError((error: unknown) => String(error));
chat.close();
const chatEvents: readonly ("joined" | "said")[] = feeds.chat.events;
feeds.chat.fetch("lobby", { lastEventId: "3", retry: 100 }).on("said", (s) => s.text);
bindings.bind("8c9a3a5e-0000-4000-8000-000000000000", { priority: "Low" }).on("bound", (text: string) => text);
greetings.greet("ada").on("greeting", (text: string) => text);
guarded.admin().on("message", (text: string) => text);
guarded.member.fetch({ headers: { Authorization: "Test ada" } }).on("message", (text: string) => text);
guarded.open().on("message", (text: string) => text);
policies.configured().on("message", (text: string) => text);
policies.documented().on("message", (text: string) => text);
policies.once().on("message", (text: string) => text);
policies.partners().on("message", (text: string) => text);
iSentinelFeeds.chunks({ count: 3, fail: false }).on("message", (c) => c.text.length + c.index).onEnd(() => undefined);
iSentinelFeeds.notes.fetch({ count: 3 }).on("note", (n) => n.text).onEnd(() => undefined);
// The referenced contract's endpoints, which the test app maps as its own.
iMarketFeeds.quotes("ACME").on("quote", (q: Quote) => `${q.symbol} ${q.bid - q.ask}`);
iMarketFeeds.trades.fetch("ACME", { count: 3 }).on("trade", (t: Trade) => `${t.symbol} ${t.sequence} ${t.price}`);
iMarketFeeds.session("ACME", { trades: 2 })
    .on("opened", (o: Opened) => `${o.symbol} ${o.trades}`)
    .on("trade", (t) => t.price)
    .on("closed", (c: Closed) => c.symbol)
    .onEnd(() => undefined);
relay.raw({ upstream: "http://127.0.0.1:1/stream", comments: true }).on("message_start", (text: string) => text);
rooms.join("lobby").on("tick", (t) => tick(t));
rooms.join.fetch("lobby", { headers: { "X-Tenant": "acme" } }).on("tick", (t) => tick(t));
validated.stream("lobby", { n: 2, who: "ada" }).on("message", (text: string) => text);
waiting.quiet().on("message", (text: string) => text);
const wait = waiting.wait();
const state: number = wait.readyState;
const source: EventSource = wait.source;
wait.close();

export { urls, state, source, chatEvents };
