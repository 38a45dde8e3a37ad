/**
 * A `ChannelSender` over the Telegram Bot API's `sendMessage` (plain fetch, injectable), mapping
 * answers to the scheduler's typed errors: 429 → RateLimited, 403 → Unreachable, 5xx and
 * network failures → Transient, other 4xx → Rejected.
 */
import type { ChatAddress, Reply } from "../chat/types";
import { RateLimited, Rejected, Transient, Unreachable, type ChannelSender } from "./channel";

export interface BotApiSenderOptions {
  /** e.g. `https://api.telegram.org`, or a fake server in tests. */
  apiRoot: string;
  token: string;
  fetch?: typeof fetch;
  /** A request taking longer than this counts as a transient failure. */
  timeoutMs?: number;
}

interface ApiAnswer {
  ok: boolean;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

function keyboard(reply: Reply) {
  if (!reply.buttons?.length) return undefined;
  return { inline_keyboard: reply.buttons.map((row) => row.map((b) => ({ text: b.label, callback_data: b.data }))) };
}

/**
 * @example const sender = botApiSender({ apiRoot: "https://api.telegram.org", token }); await sender.send(chat, { text: "Xin chào" });
 */
export function botApiSender(options: BotApiSenderOptions): ChannelSender {
  const doFetch = options.fetch ?? fetch;
  const url = `${options.apiRoot}/bot${options.token}/sendMessage`;
  return {
    async send(chat: ChatAddress, reply: Reply) {
      let res: Response;
      try {
        res = await doFetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ chat_id: chat.chatId, text: reply.text, reply_markup: keyboard(reply) }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
      } catch (e) {
        throw new Transient((e as Error).name === "TimeoutError" ? "timeout" : "network");
      }
      const answer = (await res.json().catch(() => ({ ok: false }))) as ApiAnswer;
      if (res.ok && answer.ok) return;
      const code = answer.error_code ?? res.status;
      if (code === 429) throw new RateLimited(answer.parameters?.retry_after ?? 1);
      if (code === 403 || (code === 400 && /chat not found/i.test(answer.description ?? ""))) throw new Unreachable(chat);
      if (code >= 500) throw new Transient(`http ${code}`);
      throw new Rejected(`http ${code}`);
    },
  };
}
