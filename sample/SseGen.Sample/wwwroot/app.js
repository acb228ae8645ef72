// Each panel opens its own EventSource; the browser reconnects by itself and sends Last-Event-ID.
'use strict';

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

watch('clock', new EventSource('/streams/clock')).addEventListener('time', e => { $('clock').textContent = e.data; });

// Price chart: the last 80 points as an SVG polyline, scaled to their range.
const prices = [];
let priceEvents = 0;
watch('price', new EventSource('/streams/prices/sse?intervalMs=250')).addEventListener('price', e => {
  const tick = JSON.parse(e.data);
  prices.push(tick.price);
  if (prices.length > 80) prices.shift();
  priceEvents++;
  $('price').textContent = `${tick.symbol} ${tick.price.toFixed(2)}`;
  $('price-count').textContent = priceEvents;
  const min = Math.min(...prices), max = Math.max(...prices), span = (max - min) || 1;
  $('line').setAttribute('points', prices.map((p, i) => `${(i * 400) / 79},${150 - ((p - min) / span) * 140}`).join(' '));
});

// Chat: one stream whose events come under three names, one per type of the union.
const chatCounts = { joined: 0, said: 0, left: 0 };
const chat = watch('chat', new EventSource('/streams/chat/lobby'));
for (const type of Object.keys(chatCounts)) {
  chat.addEventListener(type, e => {
    const event = JSON.parse(e.data);
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
const counter = watch('counter', new EventSource('/streams/counter'));
counter.onopen = () => { $('connections').textContent = ++connections; };
counter.addEventListener('count', e => {
  const value = Number(e.data);
  if (expected !== null && value !== expected) $('gaps').textContent = ++gaps;
  expected = value + 1;
  $('counter').textContent = value;
});
$('drop').addEventListener('click', () => fetch('/streams/counter/drop', { method: 'POST' }));
