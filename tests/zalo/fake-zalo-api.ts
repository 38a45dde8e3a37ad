/**
 * A fake Zalo Bot Platform API on 127.0.0.1 (a free port): `POST /bot<TOKEN>/<method>` with JSON,
 * shaped by the platform's documentation:
 * - getMe answers `id`, `account_name`, `account_type`, `can_join_groups` — no display name;
 * - getUpdates hands out one queued update per call, answers 408 when none came during its wait,
 *   and 400 while a webhook is set;
 * - errors carry the documented codes and meanings: 400 bad request, 401 bad token, 403 internal
 *   server error, 404, 408 timeout, 429 quota exceeded (no `retry_after`);
 * - sendMessage refuses empty text and text over 2,000 characters;
 * - the bot's own messages come back as updates (`from.is_bot`, the bot's id), as bots on the
 *   platform report, unless `echoes: false`.
 * How Zalo answers a person who blocked the bot is not documented: `block` answers 403 with a
 * description saying so, which is what the client's `meansBlocked` looks for. Every call is recorded.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeCall {
  method: string;
  params: Record<string, any>;
  /** Whether the fake accepted it (set once answered). */
  ok?: boolean;
}

export interface FakeZaloOptions {
  token?: string;
  /** How long an idle getUpdates waits before 408, ms (default 150; the real API waits `timeout` s). */
  idleMs?: number;
  bot?: FakeBotAccount;
  /** Queue an update for each message the bot sends, as the platform does (default true). */
  echoes?: boolean;
}

/** What getMe answers. */
export interface FakeBotAccount {
  id: string;
  account_name: string;
  account_type: string;
  can_join_groups: boolean;
}

/** The bot's name as people see it in Zalo (not given by getMe): what they type after `@`. */
export const FAKE_BOT_NAME = "Bot Đoàn Khối";

/** The documented meaning of each error code, used as the description of an injected failure. */
const MEANING: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Internal server error",
  404: "Not found",
  408: "Request timeout",
  429: "Quota exceeded",
};

type Answer = { status: number; body: Record<string, unknown> };

const ok = (result: unknown): Answer => ({ status: 200, body: { ok: true, result } });
const fail = (status: number, description: string): Answer => ({ status, body: { ok: false, error_code: status, description } });

/** The fake's answer to a message for a person who blocked the bot (undocumented: see the header). */
const BLOCKED = "The user has blocked the bot";

export class FakeZaloApi {
  readonly token: string;
  readonly calls: FakeCall[] = [];
  readonly bot: FakeBotAccount;
  webhook: { url: string; secret_token: string } | undefined;
  /** Updates ever queued (pushed or echoed). */
  queued = 0;
  private readonly queue: unknown[] = [];
  private readonly groups = new Set<string>();
  private waiters: (() => void)[] = [];
  private readonly failures: { method: string; status: number }[] = [];
  private readonly blocked = new Set<string>();
  private server?: Server;
  private nextId = 1;

  constructor(private readonly options: FakeZaloOptions = {}) {
    this.token = options.token ?? "1234567890:fake-zalo-token";
    this.bot = options.bot ?? { id: "1459232241454765289", account_name: "bot.DoanKhoiCT", account_type: "BASIC", can_join_groups: true };
  }

  /** The API base URL, once started. */
  url = "";

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
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    this.wake();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Queues an update for the next getUpdates call. */
  push(update: unknown): void {
    this.queue.push(update);
    this.queued++;
    this.wake();
  }

  /** A text message update from a person, in a private chat unless `group` is given. */
  text(userId: string, text: string, group?: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return this.event("message.text.received", userId, group, { text, ...extra });
  }

  /** An update of any event from a person (`message.unsupported.received` carries no content). */
  event(eventName: string, userId: string, group?: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
    if (group) this.groups.add(group);
    return {
      event_name: eventName,
      message: {
        message_id: `m-${this.nextId++}`,
        from: { id: userId, display_name: `Người ${userId}`, is_bot: false },
        chat: { id: group ?? userId, chat_type: group ? "GROUP" : "PRIVATE" },
        date: Date.now(),
        ...fields,
      },
    };
  }

  /** The next `times` calls of `method` fail with HTTP `status` and that code's documented meaning. */
  failNext(method: string, status: number, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push({ method, status });
  }

  /** The person blocked the bot: messages to this chat get 403. */
  block(chatId: string): void {
    this.blocked.add(chatId);
  }

  /** Texts Zalo accepted for a chat (refused sends left out). */
  deliveredTo(chatId: string): string[] {
    return this.calls.filter((c) => c.method === "sendMessage" && c.ok && c.params.chat_id === chatId).map((c) => c.params.text as string);
  }

  /** Texts sent to a chat, refused ones included (optionally only those after call number `from`). */
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
    const call: FakeCall = { method, params };
    this.calls.push(call);
    const failure = this.failures.findIndex((f) => f.method === method);
    const { status } = failure >= 0 ? this.failures.splice(failure, 1)[0]! : { status: 0 };
    const answer = status ? fail(status, MEANING[status] ?? "Server error") : await this.answer(method, params);
    call.ok = answer.status === 200;
    return answer;
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
        return this.blocked.has(params.chat_id) ? fail(403, BLOCKED) : ok({ message_id: `out-${this.nextId++}` });
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
    if (this.blocked.has(params.chat_id)) return fail(403, BLOCKED);
    const sent = { message_id: `out-${this.nextId++}`, date: Date.now() };
    if (this.options.echoes !== false) this.echo(String(params.chat_id), sent.message_id, text);
    return ok(sent);
  }

  /** The bot's own message, coming back as an update. */
  private echo(chatId: string, messageId: string, text: string): void {
    this.push({
      event_name: "message.text.received",
      message: {
        message_id: messageId,
        from: { id: this.bot.id, display_name: FAKE_BOT_NAME, is_bot: true },
        chat: { id: chatId, chat_type: this.groups.has(chatId) ? "GROUP" : "PRIVATE" },
        date: Date.now(),
        text,
      },
    });
  }

  private async getUpdates(): Promise<Answer> {
    if (this.webhook) return fail(400, "Bad request: webhook is set, call deleteWebhook to use getUpdates");
    if (!this.queue.length) {
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
