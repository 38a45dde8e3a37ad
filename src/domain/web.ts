/**
 * Passes to the web view: a signed one-time link (10 minutes, once, for one account) sent in chat,
 * and the session it is exchanged for (8 hours, kept in a cookie). Only a hash of each secret is
 * stored, so a copy of the store opens nothing.
 */
import { z } from "zod";
import { Id, IsoDateTime } from "./fields";

/** A link sent in chat opens the web view within 10 minutes, once. */
export const WEB_LINK_TTL_MS = 10 * 60 * 1000;
/** A session lasts 8 hours (a working day); then a new link or the Mini App opens another. */
export const WEB_SESSION_TTL_MS = 8 * 60 * 60 * 1000;
/** Telegram's `initData` is taken for at most an hour after Telegram signed it (`auth_date`). */
export const INIT_DATA_MAX_AGE_S = 60 * 60;

/** A link waiting to be opened, or an open session; removed once used (a link) or expired. */
export const WebPass = z.object({
  /** SHA-256 (hex) of the secret in the link or the cookie. */
  id: z.string().regex(/^[0-9a-f]{64}$/),
  kind: z.enum(["link", "session"]),
  personId: Id,
  /** The chat account it was issued to (`channel:externalId`): actions on the page are this account's. */
  accountId: z.string().min(3).max(80),
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime,
});

export type WebPass = z.infer<typeof WebPass>;
