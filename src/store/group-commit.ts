/**
 * How the embedded store's changes reach its journal: in as few appends as their callers allow.
 *
 * - A durable change (the default) is appended and on disk before its caller is answered. Changes
 *   made while an append is on its way go out together in the next one; an append from an idle
 *   journal waits for the end of the event loop's turn, so callers answered together write together.
 * - An ordered change (`wait: "ordered"`: an update's claim, a first contact's records) is queued and
 *   its caller goes on at once. It goes out with the next durable change, or on its own within
 *   `ORDERED_WITHIN_MS` — as PostgreSQL's asynchronous commit leaves its WAL to the WAL writer. A
 *   crowd's first contacts then cost one append per 50 ms instead of one per update (issue 22); what
 *   a crash may lose is in docs/operating.md.
 * - Appends keep the order the changes were made in. After a failed append every change fails.
 */
import { encodeLine, type Change, type Journal } from "./journal";

/** An ordered change is on disk at most this long after it was made (unless the disk is slower). */
export const ORDERED_WITHIN_MS = 50;

export class GroupCommit {
  /** The append on its way (or a journal switch): one at a time. */
  private writing: Promise<void> | null = null;
  /** Changes waiting for the next append, and the callers waiting for it. */
  private pending: Change[] = [];
  private waiting: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  /** An append asked for in this turn of the event loop, not yet started. */
  private soon: NodeJS.Immediate | null = null;
  /** The deadline of ordered changes queued with no durable one behind them. */
  private later: NodeJS.Timeout | null = null;
  private overdue = false;
  /** Why an append failed: every later change fails with it. */
  failed: unknown = null;

  /** `journal()`: the journal to append to now; `appended()`: called after each append. */
  constructor(
    private readonly journal: () => Journal,
    private readonly appended: () => void,
  ) {}

  /** Queues `changes`; durable: resolves once they are on disk; ordered: resolves at once. */
  add(changes: Change[], durable: boolean): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    this.pending.push(...changes);
    if (!durable) {
      this.kick();
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.kick();
    });
  }

  /** Runs `fn` between two appends: none is on its way meanwhile (a journal switch). */
  async between<T>(fn: () => Promise<T>): Promise<T> {
    while (this.writing) await this.writing;
    const running = fn();
    this.writing = running.then(
      () => {},
      () => {},
    );
    try {
      return await running;
    } finally {
      this.writing = null;
      this.kick();
    }
  }

  /** Appends every queued change, ordered ones too, and waits until no append is on its way. */
  async settled(): Promise<void> {
    for (;;) {
      if (this.pending.length > 0) {
        this.overdue = true;
        this.kick(true);
      }
      if (!this.writing) return;
      await this.writing;
    }
  }

  /** Starts the next append, unless one is on its way (its end kicks again) or nothing asks for one yet. */
  private kick(now = false) {
    if (this.writing || this.pending.length === 0) return;
    if (this.waiting.length === 0 && !this.overdue) {
      this.later ??= setTimeout(() => {
        this.later = null;
        this.overdue = true;
        this.kick(true);
      }, ORDERED_WITHIN_MS);
      return;
    }
    if (!now) {
      this.soon ??= setImmediate(() => {
        this.soon = null;
        this.kick(true);
      });
      return;
    }
    if (this.soon) clearImmediate(this.soon);
    if (this.later) clearTimeout(this.later);
    this.soon = this.later = null;
    this.overdue = false;
    const batch = this.waiting;
    const line = encodeLine(this.pending);
    this.waiting = [];
    this.pending = [];
    const writing = this.journal()
      .append(line)
      .then(
        () => batch.forEach((w) => w.resolve()),
        (e) => {
          this.failed = e;
          batch.forEach((w) => w.reject(e));
        },
      );
    this.writing = writing;
    void writing.then(() => {
      this.writing = null;
      this.appended();
      this.kick();
    });
  }
}
