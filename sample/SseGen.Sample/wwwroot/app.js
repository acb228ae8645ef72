// Each panel opens its own stream through the client generated from Feeds.cs (served at /sse-client.js): routes,
// query names and event names come from the C# endpoints, so a rename there is a rename here, not a silent break.
// Each stream is an EventSource underneath; the browser reconnects by itself and sends Last-Event-ID.
import { feeds, gateway } from '/sse-client.js';

const $ = id => document.getElementById(id);

// A stream's state from its readyState: after an error the browser reconnects by itself (CONNECTING) unless it gave up (CLOSED).
function watch(name, source) {
  let failed = false;
  const show = () => {
    const state = source.readyState === EventSource.OPEN ? 'open'
      : source.readyState === EventSource.CLOSED ? 'closed'
      : failed ? 'reconnecting' : 'connecting';
    $(`state-${name}`).textContent = state;
    $(`state-${name}`).dataset.state = state;
  };
  source.addEventListener('open', () => { failed = false; show(); });
  source.addEventListener('error', () => { failed = true; show(); });
  show();
  return source;
}

watch('clock', feeds.clock().on('time', time => { $('clock').textContent = time; }).source);

// Price chart: the last 80 points as an SVG polyline, scaled to their range.
const prices = [];
let priceEvents = 0;
watch('price', feeds.prices('sse', { intervalMs: 250 }).on('price', tick => {
  prices.push(tick.price);
  if (prices.length > 80) prices.shift();
  priceEvents++;
  $('price').textContent = `${tick.symbol} ${tick.price.toFixed(2)}`;
  $('price-count').textContent = priceEvents;
  const min = Math.min(...prices), max = Math.max(...prices), span = (max - min) || 1;
  $('line').setAttribute('points', prices.map((p, i) => `${(i * 400) / 79},${150 - ((p - min) / span) * 140}`).join(' '));
}).source);

// Chat: one stream whose events come under several names, one per type of the union, as the generated client lists them.
const chatCounts = { joined: 0, said: 0, left: 0 };
const chat = feeds.chat('lobby');
watch('chat', chat.source);
for (const type of feeds.chat.events) {
  chat.on(type, event => {
    chatCounts[type]++;
    const item = document.createElement('li');
    item.className = type;
    item.textContent = type === 'said' ? `${event.user}: ${event.text}` : `${event.user} ${type} #${event.room}`;
    $('chat').append(item);
    while ($('chat').children.length > 50) $('chat').firstElementChild.remove();
    $('chat').scrollTop = $('chat').scrollHeight;
    $('chat-counts').textContent = `joined ${chatCounts.joined} · said ${chatCounts.said} · left ${chatCounts.left}`;
  });
}

// Counter: the server ends the stream every 10 events (or when asked to); the count must go on without a gap.
let expected = null, gaps = 0, connections = 0;
const counter = feeds.counter();
watch('counter', counter.source);
counter.onOpen(() => { $('connections').textContent = ++connections; });
counter.on('count', value => {
  if (expected !== null && value !== expected) $('gaps').textContent = ++gaps;
  expected = value + 1;
  $('counter').textContent = value;
});
$('drop').addEventListener('click', () => fetch('/streams/counter/drop', { method: 'POST' }));

// The LLM gateway: two fake model upstreams (OpenAI's chunks and [DONE], Anthropic's named events) relayed as typed
// tokens. Each reply is a stream without ids, so the browser opens it again after its end and the reply types anew.
for (const [name, stream] of [['openai', gateway.openAiTokens()], ['anthropic', gateway.anthropicTokens()]]) {
  watch(name, stream.source);
  stream.onOpen(() => { $(`reply-${name}`).textContent = ''; });
  stream.on('token', token => { $(`reply-${name}`).textContent += token.text; });
}
