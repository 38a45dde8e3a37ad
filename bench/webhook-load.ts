/**
 * The other side of `bench/webhook.ts`, in its own process so that it does not share the bot's event
 * loop: a Bot API answering every call at once, and the people pressing `/lichhoc`. It prints
 * `api <root>`, then answers each line on stdin: `hooked <n>` prints `hooked` once the n-th
 * setWebhook has come (a process is ready); `press <url> <first user id>` prints `latencies <json>`
 * (ms, one per person: PEOPLE different people from that id on, new to the bot).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000);
const SPREAD_MS = 1_000;
const UNANSWERED_MS = 60_000;
const SECRET = "bench-secret-123";

/** A Bot API that answers every call at once and tells `onSend` when a sendMessage arrives. */
async function localBotApi(onSend: (chatId: string) => void, onHook: () => void): Promise<{ root: string; server: Server }> {
  const me = {
    id: 1,
    is_bot: true,
    first_name: "bench",
    username: "bench_bot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  };
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const method = req.url!.split("/").pop()!;
      const params = body ? (JSON.parse(body) as { chat_id?: number | string; text?: string }) : {};
      if (method === "sendMessage") onSend(String(params.chat_id));
      if (method === "setWebhook") onHook();
      const result =
        method === "getMe"
          ? me
          : method === "sendMessage"
            ? { message_id: 1, date: 0, chat: { id: params.chat_id, type: "private" }, text: params.text }
            : true;
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ ok: true, result }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { root: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function update(id: number, userId: number) {
  return {
    update_id: id,
    message: {
      message_id: id,
      date: 0,
      chat: { id: userId, type: "private", first_name: "A" },
      from: { id: userId, is_bot: false, first_name: "A" },
      text: "/lichhoc",
    },
  };
}

let nextUpdateId = 1;

/** POSTs one update per person (fresh update ids: the bot drops a repeated one), spread evenly over SPREAD_MS; resolves with each latency in ms. */
async function press(url: string, firstUser: number, sent: Map<string, (at: number) => void>): Promise<number[]> {
  const latencies: Promise<number>[] = [];
  const started = performance.now();
  for (let i = 0; i < PEOPLE; i++) {
    const wait = started + (i * SPREAD_MS) / PEOPLE - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const userId = firstUser + i;
    const t0 = performance.now();
    latencies.push(
      new Promise<number>((resolve) => {
        // An update never answered (the bot answered 5xx, or lost it) counts as -1 after UNANSWERED_MS.
        const late = setTimeout(() => resolve(-1), UNANSWERED_MS);
        sent.set(String(userId), (at) => {
          clearTimeout(late);
          resolve(at - t0);
        });
      }),
    );
    void fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
      body: JSON.stringify(update(nextUpdateId++, userId)),
    });
  }
  return Promise.all(latencies);
}

const sent = new Map<string, (at: number) => void>();
let hooks = 0;
let hooked: { n: number; then: () => void } | undefined;
const api = await localBotApi(
  (chatId) => {
    sent.get(chatId)?.(performance.now());
    sent.delete(chatId);
  },
  () => {
    hooks++;
    if (hooked && hooks >= hooked.n) hooked.then();
  },
);
console.log(`api ${api.root}`);
for await (const line of createInterface({ input: process.stdin })) {
  const [command, arg, first] = line.split(" ");
  if (command === "hooked") {
    const n = Number(arg);
    if (hooks < n) await new Promise<void>((then) => (hooked = { n, then }));
    console.log("hooked");
  }
  if (command === "press") console.log(`latencies ${JSON.stringify(await press(arg!, Number(first), sent))}`);
  if (command === "quit") break;
}
api.server.closeAllConnections();
api.server.close();
