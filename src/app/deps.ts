/** What every use case and chat feature is handed: built for real in main.ts, faked in tests. */
import type { Logger } from "pino";
import type { Config } from "../config";
import type { Plan } from "../domain/plan";
import type { ChatAddress, Reply } from "./messages";
import type { T } from "../i18n";
import type { Collections, Store } from "../store/store";
import { localDate } from "../domain/zoned-time";

/** A message the bot sent on a channel that can edit it later (Telegram): where it is. */
export interface SentMessage {
  channel: ChatAddress["channel"];
  chatId: string;
  messageId: string;
}

/**
 * Tells someone other than the person who wrote (approvals, cancellations, claims…): puts a keyed
 * entry in the outbox, written at once in the recipient's language, which the scheduler's one
 * delivery sends within the channels' limits, after a crash too, and once only — a key already
 * queued is not queued again. The key names every person the message speaks of (erasure removes
 * the notices about a person by it; see `removeEntriesTo`).
 *
 * `tx` is required: the entry is written in the transaction of the change it tells about, so the
 * change and its notice commit together or neither does (a crash or a failed commit loses neither
 * alone). The delivery is woken by `flush()` once the transaction has committed: the chat core
 * gives each update its own `scope()` and flushes it when the update is handled; code outside an
 * update (the scheduler) flushes its own scope after its transaction.
 * @example await deps.notify.toPerson(personId, noticeKey("class-cancelled", course.id), (t) => ({ text: t("classes:cancel.told", { title }) }), tx);
 */
export interface Notifier {
  /** To a person, on the channel they chose or used last, in their language; written in `tx`. */
  toPerson(personId: string, key: string, render: (t: T) => Reply, tx: Collections): Promise<void>;
  /** To a chat (a linked group, an admin's chat named in ADMIN_IDS), in the bot's default language; written in `tx`. */
  toChat(chat: ChatAddress & { group?: boolean }, key: string, render: (t: T) => Reply, tx: Collections): Promise<void>;
  /** The same notifier with its own record of what was queued in transactions: one per update. */
  scope(): Notifier;
  /** Wakes the delivery when this scope queued something inside a transaction (now committed). */
  flush(): void;
}

/** The plans as a process sees them (`planSource` in app/plans.ts). */
export interface PlanSource {
  /** The plan running on the local day of `now`, in the bloc's time zone. */
  running(now: Date): Promise<Plan>;
  /** This process saved a plan: the next read goes to the store. */
  changed(): void;
}

export interface Deps {
  store: Store;
  /** The plan running for this update or tick (read from `plans` at its start). */
  plan: Plan;
  /** Where the running plan is read from (`app/plans.ts`); absent, `plan` is fixed (benches). */
  plans?: PlanSource;
  /** `webappUrl`: where the web view is served, when it is (see `Config`). */
  config: Pick<Config, "adminIds" | "defaultLocale" | "timeZone"> & Partial<Pick<Config, "webappUrl">>;
  /** The current time; tests pass a fixed clock. */
  now: () => Date;
  log: Logger;
  notify: Notifier;
  /** Makes a new unique id with a prefix, e.g. `p-…`. */
  newId: (prefix: string) => string;
  /** Starts delivering the outbox now (set by the scheduler; absent: the next tick delivers). */
  wakeOutbox?: () => void;
}

/** Today's local date (yyyy-mm-dd) where the bloc lives: the one way features and the scheduler read "today". */
export function today(deps: Pick<Deps, "now" | "config">): string {
  return localDate(deps.now(), deps.config.timeZone);
}
