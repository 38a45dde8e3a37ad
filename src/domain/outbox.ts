/**
 * The outbox: every message the bot sends on its own (nudges, announcements, broadcasts) is first
 * recorded here under a deterministic key, so a restart neither repeats nor drops it.
 */
import { z } from "zod";
import { ChannelName, Id, IsoDateTime } from "./fields";
import type { Account } from "./records";
import { Position } from "./records";

/** `nudge:report:2026-Q4:u17:d-3:p-12` — kind, subject, step and recipient. */
export const OutboxKey = z
  .string()
  .min(3)
  .max(240)
  .regex(/^[\w:.@+-]+$/);

/** A value of a message variable: plain, or one per language (a course kind's name). */
export const MessageVar = z.union([z.string().max(4000), z.number(), z.object({ vi: z.string(), en: z.string() })]);

/** A button of a written message: its label and the text it sends back (Telegram allows 64 bytes). */
const StoredButton = z.object({ label: z.string().min(1).max(200), data: z.string().min(1).max(64) });

/** A message already written in its recipient's language (a notice): text and button rows. */
export const WrittenReply = z.object({
  text: z.string().min(1).max(16_000),
  buttons: z.array(z.array(StoredButton).max(8)).max(100).optional(),
});

/**
 * A message described, rendered at send time in the recipient's language. Most are a locale key
 * and its variables. A message that must read the store when it is sent (a period summary) names
 * a `compose`r instead, written by a feature from `vars`; `key` is then its short fallback. A
 * notice (`kind: "notice"`) is written when it is queued and carries its `reply`.
 */
export const MessageSpec = z.object({
  /** Locale key, e.g. `scheduler:report.before`. */
  key: z.string().min(3).max(80),
  vars: z.record(z.string(), MessageVar).default({}),
  /** A composer's name, e.g. `reports.periodSummary`. */
  compose: z
    .string()
    .regex(/^[\w.-]{1,60}$/)
    .optional(),
  /** The message as written when queued (notices): sent as is, buttons included. */
  reply: WrittenReply.optional(),
});

/** Who receives an entry: a person (on their preferred or last-used channel) or a chat (a linked group). */
export const OutboxRecipient = z.discriminatedUnion("type", [
  z.object({ type: z.literal("person"), personId: Id }),
  z.object({ type: z.literal("chat"), channel: ChannelName, chatId: z.string().min(1).max(64), group: z.boolean() }),
]);

export const OutboxStatus = z.enum(["pending", "sending", "sent", "failed", "unreachable", "skipped"]);

/** One message to one recipient. */
export const OutboxEntry = z.object({
  id: OutboxKey,
  /** The planner's kind (`nudge:report`, `broadcast`, …), for counting and logs. */
  kind: z.string().min(1).max(40),
  to: OutboxRecipient,
  message: MessageSpec,
  /** Essential entries reach muted people too (/nhacnho mutes only the others). */
  essential: z.boolean(),
  createdAt: IsoDateTime,
  /** Not sent before (quiet hours defer a nudge to the morning). */
  notBefore: IsoDateTime,
  /** After this it has lost its point and is skipped, not sent. */
  staleAt: IsoDateTime.optional(),
  status: OutboxStatus,
  attempts: z.number().int().min(0),
  nextAttemptAt: IsoDateTime,
  broadcastId: Id.optional(),
  /** Why it was skipped or failed: `muted`, `stale`, `http 500`… (never personal data). */
  reason: z.string().max(200).optional(),
  doneAt: IsoDateTime.optional(),
});

/** Who a broadcast goes to. */
export const BroadcastAudience = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("everyone") }),
  z.object({ kind: z.literal("units"), unitIds: z.array(Id).min(1).max(500) }),
  z.object({ kind: z.literal("role"), position: Position }),
]);

/** A message an admin sent with /thongbao; its entries are `broadcast:<id>:<recipient>`. */
export const Broadcast = z.object({
  id: Id,
  createdBy: Id,
  createdAt: IsoDateTime,
  audience: BroadcastAudience,
  text: z.string().min(1).max(2000),
  total: z.number().int().min(0),
  /** Share of the total last reported to the sender, in percent. */
  reported: z.number().int().min(0).max(100).default(0),
  /**
   * The progress message shown to the sender, edited in place as the broadcast goes out (where
   * their channel can edit: Telegram); kept here so a restart goes on editing the same message.
   */
  progressMessage: z.object({ channel: ChannelName, chatId: z.string().min(1).max(64), messageId: z.string().min(1).max(32) }).optional(),
  finishedAt: IsoDateTime.optional(),
});

/** The scheduler's own memory: when it last planned, so a tick missed while down is caught up. */
export const SchedulerState = z.object({
  id: z.literal("scheduler"),
  lastTickAt: IsoDateTime,
  /** When the retention policy last pruned old records (daily). */
  lastPrunedAt: IsoDateTime.optional(),
});

export type OutboxKey = z.infer<typeof OutboxKey>;
export type WrittenReply = z.infer<typeof WrittenReply>;
export type MessageVar = z.infer<typeof MessageVar>;
export type MessageSpec = z.infer<typeof MessageSpec>;
export type OutboxRecipient = z.infer<typeof OutboxRecipient>;
export type OutboxStatus = z.infer<typeof OutboxStatus>;
export type OutboxEntry = z.infer<typeof OutboxEntry>;
export type BroadcastAudience = z.infer<typeof BroadcastAudience>;
export type Broadcast = z.infer<typeof Broadcast>;
export type SchedulerState = z.infer<typeof SchedulerState>;

/** The entry id of a message to a recipient: `nudge:report:2026-Q4:u17:d-3:p-12`. */
export function entryId(key: string, to: OutboxRecipient): string {
  return to.type === "person" ? `${key}:${to.personId}` : `${key}:${to.channel}.${to.chatId}`;
}

/** A new pending entry for a message to one recipient. */
export function newEntry(
  fields: Pick<OutboxEntry, "id" | "kind" | "to" | "message" | "essential" | "notBefore"> & Partial<OutboxEntry>,
  now: Date,
): OutboxEntry {
  return { createdAt: now.toISOString(), status: "pending", attempts: 0, nextAttemptAt: fields.notBefore, ...fields };
}

/** True for an entry to the person, or to the private chat of one of their accounts. */
export function isAddressedTo(entry: OutboxEntry, personId: string, accounts: readonly Pick<Account, "channel" | "externalId">[]): boolean {
  const to = entry.to;
  if (to.type === "person") return to.personId === personId;
  return !to.group && accounts.some((a) => a.channel === to.channel && a.externalId === to.chatId);
}

/** True for a notice whose key names the person (every person a notice speaks of is named in its key). */
export function isNoticeAbout(entry: OutboxEntry, personId: string): boolean {
  return entry.kind === NOTICE_KIND && entry.id.split(":").includes(personId);
}

/** The kind of the entries features queue through `deps.notify` (approvals, cancellations, claims…). */
export const NOTICE_KIND = "notice";

/**
 * The key of a notice: `notice:` and its parts, each kept to the characters an entry id allows
 * (others become `-`). The recipient is added by `entryId`.
 * @example noticeKey("class-cancelled", "c-12") // "notice:class-cancelled:c-12"
 */
export function noticeKey(...parts: string[]): string {
  return [NOTICE_KIND, ...parts.map((p) => p.replace(/[^\w.@+-]/g, "-"))].join(":");
}
