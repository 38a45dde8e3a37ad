/**
 * Where the Telegram bot's Bot API calls go: to Telegram, or, while the process warms itself up before
 * it takes traffic (./warm.ts), to a Bot API of the warm-up's own on 127.0.0.1.
 */
import type { Api, RawApi, Transformer } from "grammy";

/**
 * While `to` is set, the bot's Bot API calls go to that Api instead of the network (the warm-up's Bot
 * API on 127.0.0.1). Installed as the innermost transformer, so that every other one runs as it will.
 */
export class ApiDetour {
  to: Api | undefined;
  readonly transformer: Transformer = async (prev, method, payload, signal) => {
    if (!this.to) return prev(method, payload, signal);
    const call = this.to.raw[method as keyof RawApi] as (p: unknown, s: unknown) => Promise<unknown>;
    return { ok: true, result: await call(payload, signal) } as Awaited<ReturnType<typeof prev>>;
  };
}
