/**
 * A small fake Telegram Bot API on 127.0.0.1, for tests over real HTTP. Point grammY at it with
 * `new Bot(fake.token, { client: { apiRoot: fake.apiRoot } })`. It records every call, lets a test
 * queue updates (served by a long-polling getUpdates), serves files, and rejects what Telegram
 * rejects — with Telegram's error JSON — so a channel that passes here passes there. With
 * `limits`, it also enforces Telegram's rate limits with 429s and `retry_after`, and `errorRate`
 * injects 502s (see ./fake-bot-api-limits.ts), for the scheduler's delivery tests and bench.
 *
 * @example
 * const fake = await startFakeBotApi();
 * fake.pushMessage({ chatId: 100, text: "/start" });
 * await fake.waitFor((c) => c.method === "sendMessage");
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseBody } from "./fake-bot-api-body";
import { SendLimiter, type LimitOptions } from "./fake-bot-api-limits";
import { checkHtml, checkKeyboard, checkPhoto, checkText, TelegramRejection } from "./fake-bot-api-rules";

export { TelegramRejection };
export { serverLimits } from "./fake-bot-api-limits";

/** One API call as the fake received it. Multipart file parts are kept as `{ filename, content }`. */
export interface ApiCall {
  method: string;
  params: Record<string, any>;
  /** What the fake answered: `ok` false for a rejected call. */
  response: { ok: boolean; error_code?: number; description?: string; result?: unknown; parameters?: InjectedError["parameters"] };
  /** When it was answered (Date.now()). */
  at: number;
}

/** An error the fake will answer instead of doing the call. */
export interface InjectedError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export interface FakeBotApi {
  /** For grammY's `client.apiRoot`. */
  apiRoot: string;
  token: string;
  /** Every call, oldest first, including rejected ones. */
  calls: ApiCall[];
  /** Calls of one method that succeeded. */
  ok(method: string): ApiCall[];
  /** Queues an update; gives it the next update_id unless it has one (to test re-delivery). */
  push(update: Record<string, unknown>): number;
  /** Queues a text message from a user (private chat unless `chat` is given). */
  pushMessage(m: { userId?: number; chatId?: number; chatType?: string; text?: string; extra?: Record<string, unknown> }): number;
  /** Queues a button press on a message the bot sent in a chat. */
  pushCallback(m: { userId?: number; chatId?: number; data: string }): number;
  /** Stores a file the bot can fetch with getFile; returns its file_id. */
  addFile(content: Buffer, path?: string): string;
  /** Makes the next `times` calls of `method` fail with this error (e.g. a 429 with retry_after). */
  failNext(method: string, error: InjectedError, times?: number): void;
  /** Answers every send to this chat with 403 "Forbidden: bot was blocked by the user". */
  block(chatId: number | string): void;
  /** Messages sent (sendMessage that succeeded) per chat id. */
  perChat(): Map<string, number>;
  /** Sends answered: accepted, 429 (over a limit), 502 (injected), 403 (blocked). */
  counts: { sent: number; tooMany: number; serverErrors: number; blocked: number };
  /**
   * From now on, every request is answered by dropping its connection ("reset") or never answered
   * ("silent"); `undefined` behaves again. With `methods`, only calls of those methods do.
   * `held` lists the requests left unanswered.
   */
  misbehave(mode: "reset" | "silent" | undefined, methods?: string[]): void;
  held: { method: string }[];
  /** Resolves with the first call (past or future) matching; rejects after `ms`. */
  waitFor(match: (call: ApiCall) => boolean, ms?: number): Promise<ApiCall>;
  close(): Promise<void>;
}

const SEND_METHODS = new Set(["sendMessage", "sendDocument", "editMessageText", "sendPhoto"]);

export interface FakeBotApiOptions extends LimitOptions {
  token?: string;
  username?: string;
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const token = options.token ?? "123456:TEST-token-for-the-fake-bot-api";
  const calls: ApiCall[] = [];
  const updates: Record<string, any>[] = [];
  const files = new Map<string, { path: string; content: Buffer }>();
  const failures = new Map<string, InjectedError[]>();
  const blocked = new Set<string>();
  const waiters = new Set<{ match: (c: ApiCall) => boolean; resolve: (c: ApiCall) => void }>();
  const pollers = new Set<() => void>();
  let nextUpdateId = 1;
  let nextMessageId = 1;
  let webhook = "";
  const limiter = new SendLimiter(options);
  const counts = { sent: 0, tooMany: 0, serverErrors: 0, blocked: 0 };
  const perChat = new Map<string, number>();
  /** The text of every message the bot sent, by `chat:message_id`, for editMessageText. */
  const texts = new Map<string, string>();

  const message = (chatId: number | string, extra: Record<string, unknown>) => ({
    message_id: nextMessageId++,
    date: Math.floor(Date.now() / 1000),
    chat: { id: Number(chatId), type: Number(chatId) < 0 ? "supergroup" : "private" },
    from: { id: 1, is_bot: true, first_name: "Fake" },
    ...extra,
  });

  async function getUpdates(p: Record<string, any>): Promise<unknown[]> {
    const offset = Number(p.offset ?? 0);
    if (offset > 0) while (updates.length && updates[0]!.update_id < offset) updates.shift();
    const timeout = Math.min(Number(p.timeout ?? 0), 50);
    if (!updates.length && timeout > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          pollers.delete(done);
          resolve();
        };
        const timer = setTimeout(done, timeout * 1000);
        pollers.add(done);
      });
    }
    return updates.slice(0, Number(p.limit ?? 100));
  }

  /** Refuses a send to a blocked chat (403), an injected error (502) or one over a limit (429). */
  function admitSend(chatId: string) {
    if (blocked.has(chatId)) {
      counts.blocked++;
      throw new TelegramRejection(403, "Forbidden: bot was blocked by the user");
    }
    if (limiter.serverError()) {
      counts.serverErrors++;
      throw new TelegramRejection(502, "Bad Gateway");
    }
    const retryAfter = limiter.retryAfter(chatId);
    if (retryAfter > 0) {
      counts.tooMany++;
      throw new TelegramRejection(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
    }
  }

  function remember<M extends { message_id: number; chat: { id: number } }>(m: M, text: string): M {
    texts.set(`${m.chat.id}:${m.message_id}`, text);
    return m;
  }

  /** Edits a message the bot sent, refusing what Telegram refuses: an unknown message, the same text again. */
  function edit(p: Record<string, any>) {
    const key = `${Number(p.chat_id)}:${Number(p.message_id)}`;
    const before = texts.get(key);
    if (before === undefined) throw new TelegramRejection(400, "Bad Request: message to edit not found");
    if (before === p.text && !p.reply_markup) {
      throw new TelegramRejection(
        400,
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      );
    }
    texts.set(key, p.text);
    return { ...message(p.chat_id, { text: p.text, edit_date: Math.floor(Date.now() / 1000) }), message_id: Number(p.message_id) };
  }

  async function perform(method: string, p: Record<string, any>): Promise<unknown> {
    const injected = failures.get(method)?.shift();
    if (injected) throw new TelegramRejection(injected.error_code, injected.description, injected.parameters);
    if (SEND_METHODS.has(method)) admitSend(String(p.chat_id));
    switch (method) {
      case "getMe":
        return { id: 1, is_bot: true, first_name: "Fake", username: options.username ?? "fake_doan_bot", can_join_groups: true };
      case "getUpdates":
        return getUpdates(p);
      case "sendMessage":
      case "editMessageText":
        checkText(p.text, 4096, "message");
        if (p.parse_mode === "HTML") checkHtml(p.text);
        checkKeyboard(p.reply_markup);
        return method === "sendMessage" ? remember(message(p.chat_id, { text: p.text }), p.text) : edit(p);
      case "sendDocument":
        if (!p.document) throw new TelegramRejection(400, "Bad Request: there is no document in the request");
        if (p.caption !== undefined) checkText(p.caption, 1024, "caption");
        return message(p.chat_id, { document: { file_id: `sent-${nextMessageId}`, file_unique_id: "u", file_name: p.document.filename } });
      case "sendPhoto":
        return message(p.chat_id, { photo: checkPhoto(p.photo, p.caption) });
      case "answerCallbackQuery":
        if (!p.callback_query_id)
          throw new TelegramRejection(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
        return true;
      case "setMyCommands":
        for (const c of p.commands ?? []) {
          if (!/^[a-z0-9_]{1,32}$/.test(c.command)) throw new TelegramRejection(400, "Bad Request: BOT_COMMAND_INVALID");
          if (!c.description || c.description.length > 256)
            throw new TelegramRejection(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID");
        }
        return true;
      case "setChatMenuButton": {
        // Telegram opens a Mini App only from an HTTPS address.
        const button = typeof p.menu_button === "string" ? JSON.parse(p.menu_button) : p.menu_button;
        if (button?.type === "web_app" && !(button.text && String(button.web_app?.url ?? "").startsWith("https://")))
          throw new TelegramRejection(400, "Bad Request: BUTTON_URL_INVALID");
        return true;
      }
      case "deleteWebhook":
        webhook = "";
        return true;
      case "setWebhook":
        webhook = String(p.url ?? "");
        return true;
      case "getWebhookInfo":
        return { url: webhook, has_custom_certificate: false, pending_update_count: updates.length };
      case "getFile": {
        const f = files.get(String(p.file_id));
        if (!f) throw new TelegramRejection(400, "Bad Request: invalid file_id");
        return { file_id: p.file_id, file_unique_id: p.file_id, file_size: f.content.length, file_path: f.path };
      }
      default:
        throw new TelegramRejection(404, "Not Found");
    }
  }

  function record(call: ApiCall) {
    calls.push(call);
    if (call.method === "sendMessage" && call.response.ok) {
      counts.sent++;
      const chatId = String(call.params.chat_id);
      perChat.set(chatId, (perChat.get(chatId) ?? 0) + 1);
    }
    for (const w of waiters) if (w.match(call)) waiters.delete(w), w.resolve(call);
  }

  let mode: "reset" | "silent" | undefined;
  let modeMethods: string[] | undefined;
  const held: { method: string }[] = [];

  async function serve(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake");
    const called = url.pathname.split("/").at(-1) ?? "";
    const misbehaving = mode && (!modeMethods || modeMethods.includes(called));
    if (misbehaving && mode === "reset") return void req.socket.destroy();
    if (misbehaving && mode === "silent") return void held.push({ method: called });
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) {
      const f = file[1] === token ? [...files.values()].find((x) => x.path === decodeURIComponent(file[2]!)) : undefined;
      res.writeHead(f ? 200 : 404).end(f?.content ?? "Not Found");
      return;
    }
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    const send = (status: number, body: unknown) => res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
    if (!m || m[1] !== token)
      return send(m ? 401 : 404, { ok: false, error_code: m ? 401 : 404, description: m ? "Unauthorized" : "Not Found" });
    const method = m[2]!;
    const params = { ...Object.fromEntries(url.searchParams), ...(await parseBody(req)) };
    try {
      const result = await perform(method, params);
      const response = { ok: true, result };
      if (method !== "getUpdates" || (result as unknown[]).length) record({ method, params, response, at: Date.now() });
      send(200, response);
    } catch (e) {
      if (!(e instanceof TelegramRejection)) throw e;
      const response = {
        ok: false,
        error_code: e.error_code,
        description: e.message,
        ...(e.parameters ? { parameters: e.parameters } : {}),
      };
      record({ method, params, response, at: Date.now() });
      send(e.error_code, response);
    }
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((e) => res.writeHead(500).end(String(e)));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;

  const push = (update: Record<string, unknown>) => {
    const id = typeof update.update_id === "number" ? update.update_id : nextUpdateId++;
    nextUpdateId = Math.max(nextUpdateId, id + 1);
    updates.push({ ...update, update_id: id });
    for (const wake of [...pollers]) wake();
    return id;
  };
  const user = (id: number) => ({ id, is_bot: false, first_name: "Người", last_name: "Thử", language_code: "vi" });
  const chat = (id: number, type = id < 0 ? "supergroup" : "private") =>
    type === "private" ? { id, type, first_name: "Người" } : { id, type, title: "Nhóm thử" };

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    calls,
    ok: (method) => calls.filter((c) => c.method === method && c.response.ok),
    push,
    pushMessage: ({ userId = 100, chatId = userId, chatType, text, extra = {} }) =>
      push({
        message: {
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          from: user(userId),
          chat: chat(chatId, chatType),
          ...(text !== undefined ? { text } : {}),
          ...extra,
        },
      }),
    pushCallback: ({ userId = 100, chatId = userId, data }) =>
      push({
        callback_query: {
          id: `cb-${nextUpdateId}`,
          from: user(userId),
          chat_instance: "ci",
          data,
          message: message(chatId, { text: "…" }),
        },
      }),
    addFile(content, path = `documents/file_${files.size + 1}`) {
      const id = `file-${files.size + 1}`;
      files.set(id, { path, content });
      return id;
    },
    failNext(method, error, times = 1) {
      failures.set(method, [...(failures.get(method) ?? []), ...Array.from({ length: times }, () => error)]);
    },
    block: (chatId) => void blocked.add(String(chatId)),
    misbehave: (m, methods) => void ((mode = m), (modeMethods = methods)),
    held,
    perChat: () => new Map(perChat),
    counts,
    waitFor(match, ms = 10_000) {
      const past = calls.find(match);
      if (past) return Promise.resolve(past);
      return new Promise((resolve, reject) => {
        const w = { match, resolve: (c: ApiCall) => (clearTimeout(timer), resolve(c)) };
        const timer = setTimeout(() => (waiters.delete(w), reject(new Error(`no matching Bot API call within ${ms} ms`))), ms);
        waiters.add(w);
      });
    },
    async close() {
      for (const wake of [...pollers]) wake();
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
