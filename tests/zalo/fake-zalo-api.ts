/**
 * A fake Zalo Bot Platform API on 127.0.0.1 (a free port): `POST /bot<TOKEN>/<method>` with JSON.
 * getUpdates hands out one queued update per call and answers 408 when none came during its wait;
 * sendMessage refuses empty text and text over 2,000 characters, as Zalo does. Every call is recorded.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeCall {
  method: string;
  params: Record<string, any>;
}

export interface FakeZaloOptions {
  token?: string;
  /** How long an idle getUpdates waits before 408, ms (default 150; the real API waits `timeout` s). */
  idleMs?: number;
  bot?: { id: string; account_name: string; display_name: string };
}

type Answer = { status: number; body: Record<string, unknown> };

const ok = (result: unknown): Answer => ({ status: 200, body: { ok: true, result } });
const fail = (status: number, description: string): Answer => ({ status, body: { ok: false, error_code: status, description } });

export class FakeZaloApi {
  readonly token: string;
  readonly calls: FakeCall[] = [];
  readonly bot: NonNullable<FakeZaloOptions["bot"]>;
  webhook: { url: string; secret_token: string } | undefined;
  private readonly queue: unknown[] = [];
  private waiters: (() => void)[] = [];
  private readonly failures: { method: string; status: number }[] = [];
  private readonly blocked = new Set<string>();
  private server?: Server;
  private nextId = 1;

  constructor(private readonly options: FakeZaloOptions = {}) {
    this.token = options.token ?? "1234567890:fake-zalo-token";
    this.bot = options.bot ?? { id: "bot-1", account_name: "doan_bot", display_name: "Đoàn Khối Bot" };
  }

  /** Starts listening; resolves to the API base URL. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let text = "";
      req.on("data", (c) => (text += c));
      req.on("end", async () => {
        const answer = await this.route(req.url ?? "", text);
        res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.wake();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Queues an update for the next getUpdates call. */
  push(update: unknown): void {
    this.queue.push(update);
    this.wake();
  }

  /** A text message update from a person, in a private chat unless `group` is given. */
  text(userId: string, text: string, group?: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      event_name: "message.text.received",
      message: {
        message_id: `m-${this.nextId++}`,
        from: { id: userId, display_name: `Người ${userId}` },
        chat: { id: group ?? userId, chat_type: group ? "GROUP" : "PRIVATE" },
        date: Date.now(),
        text,
        ...extra,
      },
    };
  }

  /** The next `times` calls of `method` fail with HTTP `status`. */
  failNext(method: string, status: number, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push({ method, status });
  }

  /** The person blocked the bot: messages to this chat get 403. */
  block(chatId: string): void {
    this.blocked.add(chatId);
  }

  /** Texts sent to a chat (optionally only those after call number `from`). */
  sentTo(chatId: string, from = 0): string[] {
    return this.calls.slice(from).filter((c) => c.method === "sendMessage" && c.params.chat_id === chatId).map((c) => c.params.text as string);
  }

  /** Updates still waiting to be fetched. */
  get pending(): number {
    return this.queue.length;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private async route(url: string, text: string): Promise<Answer> {
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(url);
    if (!m || m[1] !== this.token) return fail(401, "Unauthorized");
    const method = m[2]!;
    let params: Record<string, any> = {};
    try {
      params = text ? JSON.parse(text) : {};
    } catch {
      return fail(400, "Bad Request: invalid JSON");
    }
    this.calls.push({ method, params });
    const failure = this.failures.findIndex((f) => f.method === method);
    if (failure >= 0) return fail(this.failures.splice(failure, 1)[0]!.status, "Injected failure");
    return this.answer(method, params);
  }

  private async answer(method: string, params: Record<string, any>): Promise<Answer> {
    switch (method) {
      case "getMe":
        return ok(this.bot);
      case "getUpdates":
        return this.getUpdates();
      case "setWebhook":
        if (!/^https:\/\//.test(params.url ?? "")) return fail(400, "Bad Request: url must be https");
        if (typeof params.secret_token !== "string" || params.secret_token.length < 8 || params.secret_token.length > 256)
          return fail(400, "Bad Request: secret_token must be 8-256 characters");
        this.webhook = { url: params.url, secret_token: params.secret_token };
        return ok({ url: params.url });
      case "deleteWebhook":
        this.webhook = undefined;
        return ok({ url: "" });
      case "sendMessage":
        return this.sendMessage(params);
      case "sendPhoto":
        if (!params.chat_id || !/^https?:\/\//.test(params.photo ?? "")) return fail(400, "Bad Request: photo must be a URL");
        return this.blocked.has(params.chat_id) ? fail(403, "Forbidden: blocked") : ok({ message_id: `out-${this.nextId++}` });
      case "sendChatAction":
        return params.chat_id ? ok(true) : fail(400, "Bad Request: chat_id is required");
      default:
        return fail(404, `Not Found: method ${method}`);
    }
  }

  private sendMessage(params: Record<string, any>): Answer {
    const text = params.text;
    if (!params.chat_id) return fail(400, "Bad Request: chat_id is required");
    if (typeof text !== "string" || text.length === 0) return fail(400, "Bad Request: text is empty");
    if (text.length > 2000) return fail(400, "Bad Request: text is longer than 2000 characters");
    if (this.blocked.has(params.chat_id)) return fail(403, "Forbidden: the user blocked the bot");
    return ok({ message_id: `out-${this.nextId++}`, date: Date.now() });
  }

  private async getUpdates(): Promise<Answer> {
    if (!this.queue.length) {
      if (this.webhook) return fail(409, "Conflict: a webhook is set");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.idleMs ?? 150);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const update = this.queue.shift();
    return update === undefined ? fail(408, "Request timeout") : ok(update);
  }
}
