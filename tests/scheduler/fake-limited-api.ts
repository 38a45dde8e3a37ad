/**
 * A minimal fake Telegram Bot API for the scheduler's tests: `sendMessage` only, enforcing the
 * limits (overall, per chat, per group — chat ids starting with "-") with 429s and `retry_after`,
 * injecting 5xx at a seeded rate, answering 403 for blocked chats, and recording every message
 * it accepted. `timeScale` divides every duration so the limits run fast.
 * (The Telegram feature has its own, fuller fake; the two can be unified.)
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { TokenBucket, type ChannelLimits, type Rate } from "../../src/scheduler/limits";

/** Telegram's limits as a server sees them: bursts allowed within each window. */
export const serverLimits: ChannelLimits = {
  overall: { count: 30, perMs: 1000, burst: 30 },
  perChat: { count: 1, perMs: 1000, burst: 1 },
  perGroup: { count: 20, perMs: 60_000, burst: 20 },
};

export interface FakeApiOptions {
  timeScale?: number;
  /** Share of requests answered 502 before any limit is checked. */
  errorRate?: number;
  seed?: number;
  /** Chats that blocked the bot (403). */
  blocked?: Iterable<string>;
  limits?: ChannelLimits;
}

export interface FakeApi {
  url: string;
  token: string;
  /** Messages accepted, in order. */
  delivered: { chatId: string; text: string; at: number }[];
  counts: { ok: number; tooMany: number; serverErrors: number; blocked: number };
  /** How many messages each chat received. */
  perChat(): Map<string, number>;
  close(): Promise<void>;
}

/** A small seeded PRNG (mulberry32), so injected failures repeat from run to run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

function answer(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakeLimitedApi(options: FakeApiOptions = {}): Promise<FakeApi> {
  const scale = options.timeScale ?? 1;
  const limits = options.limits ?? serverLimits;
  const scaled = (r: Rate): Rate => ({ ...r, perMs: r.perMs / scale });
  const random = seeded(options.seed ?? 1);
  const blocked = new Set(options.blocked ?? []);
  const token = "123456:fake-limited-token-abcdefghijkl";
  const overall = new TokenBucket(scaled(limits.overall), Date.now());
  const chats = new Map<string, TokenBucket>();
  const groups = new Map<string, TokenBucket>();
  const delivered: FakeApi["delivered"] = [];
  const counts = { ok: 0, tooMany: 0, serverErrors: 0, blocked: 0 };

  const bucket = (map: Map<string, TokenBucket>, rate: Rate, id: string, now: number) => {
    let b = map.get(id);
    if (!b) map.set(id, (b = new TokenBucket(scaled(rate), now)));
    return b;
  };

  /** Ms until every bucket concerned has a token; 0 means accept (and the tokens are taken). */
  function admit(chatId: string, now: number): number {
    const list = [overall, bucket(chats, limits.perChat, chatId, now)];
    if (chatId.startsWith("-")) list.push(bucket(groups, limits.perGroup, chatId, now));
    const wait = Math.max(...list.map((b) => b.freeAt(now) - now));
    if (wait > 0) return wait;
    for (const b of list) b.take(now);
    return 0;
  }

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    if (req.url !== `/bot${token}/sendMessage`) return answer(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    const { chat_id, text } = JSON.parse(body) as { chat_id: string; text: string };
    const chatId = String(chat_id);
    if (blocked.has(chatId)) {
      counts.blocked++;
      return answer(res, 403, { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" });
    }
    if (random() < (options.errorRate ?? 0)) {
      counts.serverErrors++;
      return answer(res, 502, { ok: false, error_code: 502, description: "Bad Gateway" });
    }
    const now = Date.now();
    const wait = admit(chatId, now);
    if (wait > 0) {
      counts.tooMany++;
      const retryAfter = Math.ceil((wait * scale) / 1000);
      return answer(res, 429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } });
    }
    counts.ok++;
    delivered.push({ chatId, text, at: now });
    answer(res, 200, { ok: true, result: { message_id: delivered.length, chat: { id: chatId }, text } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    delivered,
    counts,
    perChat() {
      const m = new Map<string, number>();
      for (const d of delivered) m.set(d.chatId, (m.get(d.chatId) ?? 0) + 1);
      return m;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
