/**
 * When a channel keeps refusing for quota (Zalo's 429), the admins are told: one outbox entry per
 * admin, keyed by the channel and the local day, so it is said at most once a day per channel,
 * restarts included. The delivery tries a refusing channel last, so an admin who also uses another
 * channel reads it there at once; one who uses only the refusing channel reads it when it lets
 * messages through again. It is logged either way.
 */
import type { Deps } from "../app/deps";
import type { ChannelName } from "../domain/records";
import { dmy, localDate, wallClock } from "../domain/zoned-time";
import { translator } from "../i18n";
import { enqueue } from "./outbox";

/** Outbox kind of the alert. */
export const QUOTA_ALERT_KIND = "alert:quota";

/** An alert reaching an admin later than this has lost its point. */
const STALE_AFTER_MS = 12 * 3_600_000;

/**
 * The delivery's `onQuotaRefusing`: puts the alert to the admins in the outbox (once a day per channel).
 * @example new Delivery(deps, channels, { onQuotaRefusing: quotaAlert(deps) });
 */
export function quotaAlert(deps: Pick<Deps, "store" | "config" | "log" | "now">): (channel: ChannelName, since: Date) => Promise<void> {
  return async (channel, since) => {
    const now = deps.now();
    const name = (locale: "vi" | "en") => translator(locale)(`accounts:channels.${channel}`);
    const { date, time } = wallClock(since, deps.config.timeZone);
    const added = await enqueue(
      deps.store,
      [
        {
          key: `${QUOTA_ALERT_KIND}:${channel}:${localDate(now, deps.config.timeZone)}`,
          kind: QUOTA_ALERT_KIND,
          recipient: { type: "admins" },
          message: { key: "scheduler:alert.quota", vars: { channel: { vi: name("vi"), en: name("en") }, time, date: dmy(date) } },
          essential: true,
          at: now,
          notBefore: now,
          staleAt: new Date(now.getTime() + STALE_AFTER_MS),
        },
      ],
      deps.config.adminIds,
      now,
    );
    deps.log.warn({ channel, since: since.toISOString(), alerts: added }, added ? "channel keeps refusing for quota: admins told" : "channel keeps refusing for quota: admins already told today");
  };
}
