/**
 * Updates already handled, by channel and update id, so that one delivered twice — to two
 * instances behind a load balancer, or again after a restart — is handled once.
 */
import { DAY_MS } from "./zoned-time";
import { z } from "zod";
import { IsoDateTime } from "./fields";

/** Telegram keeps an unconfirmed update for 24 hours; a resend never comes later than that. */
export const UPDATE_RETENTION_MS = DAY_MS;

/** An update handled (or being handled) by some instance. */
export const SeenUpdate = z.object({
  /** `telegram:<update_id>` or `zalo:<message_id>`. */
  id: z.string().min(3).max(200),
  at: IsoDateTime,
});

export type SeenUpdate = z.infer<typeof SeenUpdate>;
