/**
 * Retention: how long working records are kept before the scheduler prunes them. Pure: given the
 * records, the policy and `now`, which ids go. Nothing a report, a certificate or a class needs is
 * ever pruned; the audit log is kept for its own, longer period.
 */
import type { LinkAttempts, LinkCode } from "./links";
import { isLinkCodeExpired, linkAttemptsExpired } from "./links";
import type { Broadcast, OutboxEntry } from "./outbox";
import type { AuditEntry, Menu, WizardState } from "./records";
import { DAY_MS } from "./zoned-time";

/** Days each kind of record is kept (see docs/operating.md and `.env.example`). */
export interface RetentionPolicy {
  /** Outbox entries sent, skipped, failed or unreachable, counted from when they finished; finished broadcasts too. */
  outboxDays: number;
  /** Conversations left unfinished (wizards) and numbered options last shown (menus), counted from their last change. */
  conversationDays: number;
  /** The audit log; 0 keeps it for ever. */
  auditDays: number;
}

/** Defaults: a month of sent messages, a week for abandoned conversations, five years of audit log. */
export const DEFAULT_RETENTION: RetentionPolicy = { outboxDays: 30, conversationDays: 7, auditDays: 1825 };

/** The outbox must outlive the planner's catch-up window, or a pruned message could be planned again. */
export const MIN_OUTBOX_DAYS = 3;

const FINAL: ReadonlySet<OutboxEntry["status"]> = new Set(["sent", "skipped", "failed", "unreachable"]);

/** The records the policy looks at. */
export interface RetainedRecords {
  outbox: readonly OutboxEntry[];
  broadcasts: readonly Broadcast[];
  linkCodes: readonly LinkCode[];
  linkAttempts: readonly LinkAttempts[];
  wizards: readonly WizardState[];
  menus: readonly Menu[];
  audit: readonly AuditEntry[];
}

export type PruneList = { [K in keyof RetainedRecords]: string[] };

/**
 * The ids to remove now: finished outbox entries and broadcasts past `outboxDays` (a broadcast once
 * none of its messages waits), link codes once expired and wrong-code counters once their window
 * ended, wizards and menus untouched for `conversationDays`, audit entries past `auditDays`.
 * @example prunable(records, DEFAULT_RETENTION, new Date()).outbox // ["nudge:report:2026-Q1:u01:d-3:p-12", …]
 */
export function prunable(records: RetainedRecords, policy: RetentionPolicy, now: Date): PruneList {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const outboxCut = before(Math.max(policy.outboxDays, MIN_OUTBOX_DAYS));
  const talkCut = before(policy.conversationDays);
  const auditCut = policy.auditDays > 0 ? before(policy.auditDays) : "";
  const waiting = new Set(records.outbox.filter((e) => !FINAL.has(e.status) && e.broadcastId).map((e) => e.broadcastId));
  return {
    outbox: records.outbox.filter((e) => FINAL.has(e.status) && (e.doneAt ?? e.createdAt) < outboxCut).map((e) => e.id),
    broadcasts: records.broadcasts.filter((b) => b.createdAt < outboxCut && !waiting.has(b.id)).map((b) => b.id),
    linkCodes: records.linkCodes.filter((c) => isLinkCodeExpired(c, now)).map((c) => c.id),
    linkAttempts: records.linkAttempts.filter((a) => linkAttemptsExpired(a, now)).map((a) => a.id),
    wizards: records.wizards.filter((w) => w.updatedAt < talkCut).map((w) => w.id),
    menus: records.menus.filter((m) => m.at < talkCut).map((m) => m.id),
    audit: records.audit.filter((a) => a.at < auditCut).map((a) => a.id),
  };
}
