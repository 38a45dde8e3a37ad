/**
 * Starts the Zalo channel from the configuration: checks the token with getMe, then either webhook
 * mode (setWebhook and a route on the HTTP server; what production should use) or long polling
 * (after removing any webhook; updates are consumed as they are fetched, so what arrives while the
 * bot is down is lost).
 */
import type { Logger } from "pino";
import type { Incoming, Reply } from "../../app/messages";
import type { ZaloConfig } from "../../config";
import type { Locale } from "../../domain/records";
import type { Store } from "../../store/store";
import { closeServer, startHttpServer, type Route } from "../http";
import type { ChannelSender } from "../../app/sender";
import { ZaloChannel } from "./channel";
import { ZaloApiError, ZaloClient, type Fetch } from "./client";
import { ChannelStartFailed, startProblem } from "../start-failed";
import { zaloSender } from "./send";
import { zaloWebhookRoute } from "./webhook";

export { ZaloChannel } from "./channel";
export { ZaloApiError, ZaloClient } from "./client";

export interface StartZaloOptions {
  config: ZaloConfig;
  store: Store;
  handle: (msg: Incoming) => Promise<Reply[]>;
  now: () => Date;
  log: Logger;
  defaultLocale: Locale;
  /** Port of the webhook server (config.port). */
  port: number;
  fetch?: Fetch;
  /** Webhook mode: mount the route on a server you already run instead of starting one. */
  mount?: (route: Route) => void;
  /** De-duplicates messages in the store, across instances and restarts (see createUpdateLog). */
  claimUpdate?: (id: string) => Promise<boolean>;
}

export interface RunningZalo {
  channel: ZaloChannel;
  /** For the scheduler's delivery: a client without retries, so every 429 reaches the delivery as `QuotaExceeded`. */
  sender: ChannelSender;
  stop(): Promise<void>;
}

/**
 * Connects to Zalo and starts receiving updates.
 * @example const zalo = await startZalo({ config: config.zalo, store, handle: core.handle, now, log, defaultLocale: "vi", port: 8080 });
 */
export async function startZalo(o: StartZaloOptions): Promise<RunningZalo> {
  const client = new ZaloClient({ token: o.config.token, apiBase: o.config.apiBase, fetch: o.fetch });
  const me = await client.getMe().catch((e: unknown) => {
    const unreachable = e instanceof ZaloApiError && (e.error_code === 0 || e.error_code >= 500);
    throw new ChannelStartFailed(
      "Zalo",
      startProblem(e, { base: "ZALO_API_BASE", url: o.config.apiBase, token: "ZALO_BOT_TOKEN" }, unreachable),
      e,
    );
  });
  const log = o.log.child({ channel: "zalo" });
  const channel = new ZaloChannel({
    client,
    store: o.store,
    handle: o.handle,
    now: o.now,
    log,
    defaultLocale: o.defaultLocale,
    me,
    botName: o.config.botName,
    claimUpdate: o.claimUpdate,
  });
  const senderClient = new ZaloClient({ token: o.config.token, apiBase: o.config.apiBase, fetch: o.fetch, retries: 0 });
  const sender = zaloSender(senderClient, o.store, o.now, o.defaultLocale);
  if (o.config.mode === "polling") {
    await client.deleteWebhook().catch((err) => log.warn({ err }, "deleteWebhook failed"));
    channel.startPolling();
    log.info({ bot: me.id }, "zalo long polling started");
    return { channel, sender, stop: () => channel.stop() };
  }
  const route = zaloWebhookRoute({
    path: new URL(o.config.url).pathname,
    secret: o.config.secret,
    onUpdate: (b) => channel.process(b),
    log,
  });
  const server = o.mount ? undefined : await startHttpServer(o.port, [route]);
  o.mount?.(route);
  await client.setWebhook({ url: o.config.url, secret_token: o.config.secret });
  log.info({ bot: me.id, url: o.config.url }, "zalo webhook set");
  return {
    channel,
    sender,
    stop: async () => {
      if (server) await closeServer(server);
      await channel.stop();
    },
  };
}
