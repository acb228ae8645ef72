// Three mistakes the generated types must catch, one per line below: a wrong event name, a wrong field, a missing route value.
import { feeds } from "./sse-client.js";

feeds.chat("lobby").on("sayd", (s) => s);
feeds.chat("lobby").on("said", (s) => s.txt);
feeds.chat();
