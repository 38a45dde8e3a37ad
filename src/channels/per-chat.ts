/**
 * What every channel does with the updates it receives, written once: one chat's updates are
 * handled in order, one after another (different chats in parallel), and an update the platform
 * delivers twice is handled once — counted as seen only once its handling ended well, so that a
 * copy re-sent after a failure is handled (`OnceEach`).
 */

/**
 * Runs tasks one after another per key (a chat), different keys in parallel. A task that fails
 * does not stop the ones queued after it.
 * @example await queue.run(chatId, () => handle(update)); … await queue.idle();
 */
export class PerChatQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after the tasks queued before it for `key`; resolves or rejects as it does. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => this.tails.get(key) === tail && this.tails.delete(key));
    return result;
  }

  /** Resolves when every task queued so far, and any queued while waiting, has ended. */
  async idle(): Promise<void> {
    while (this.tails.size) await Promise.all([...this.tails.values()]);
  }
}

/**
 * Remembers the last `capacity` keys seen (update or message ids), oldest forgotten first: a
 * platform re-sends an update it thinks was not acknowledged, and within this window it is
 * handled once. The memory is per process; the store's update log (app/updates.ts) catches a
 * re-delivery after a restart or to another instance.
 * @example if (recent.seen(update.update_id)) return;
 */
export class RecentKeys {
  private readonly keys = new Set<string | number>();
  constructor(private readonly capacity = 10_000) {}

  /** True if the key was seen before; otherwise remembers it and returns false. */
  seen(key: string | number): boolean {
    if (this.keys.has(key)) return true;
    this.remember(key);
    return false;
  }

  /** True if the key was remembered (and not forgotten since). */
  has(key: string | number): boolean {
    return this.keys.has(key);
  }

  /** Remembers the key, forgetting the oldest past the capacity. */
  remember(key: string | number): void {
    this.keys.add(key);
    if (this.keys.size > this.capacity) this.keys.delete(this.keys.values().next().value!);
  }
}

/** The store's log of updates handled (app/updates.ts), as the channels use it. */
export interface UpdateClaims {
  /** True the first time an update id is claimed anywhere (or again after this process released it); false for a copy. */
  claim(id: string): Promise<boolean>;
  /** Gives a claim back after its handling failed, so that a copy sent again is handled. */
  release(id: string): Promise<void>;
}

/**
 * Handles each update once: a copy of an update already handled — in this process's memory, or
 * claimed in the store by another instance or before a restart — is dropped; an update whose
 * handling failed stays unseen, in memory and in the store, so that the platform's resend is
 * handled. Call `run` inside the chat's queue: a copy that arrives while the first is handled then
 * waits for it and finds it seen (or, if it failed, handles it).
 * @example const ran = await once.run(`telegram:${update.update_id}`, () => handle(update));
 */
export class OnceEach {
  private readonly recent: RecentKeys;

  constructor(
    private readonly claims?: UpdateClaims,
    capacity = 10_000,
  ) {
    this.recent = new RecentKeys(capacity);
  }

  /** True if the update was handled by this process (a cheap check before queueing it). */
  handled(id: string): boolean {
    return this.recent.has(id);
  }

  /**
   * Runs `task` for update `id` unless it was handled: resolves true when it ran and ended well,
   * false for a copy. When `task` (or the claim) throws, the update is left unseen and the error
   * passes on (a webhook answers 5xx, and the platform sends it again).
   */
  async run(id: string, task: () => Promise<void>): Promise<boolean> {
    if (this.recent.has(id)) return false;
    try {
      if (this.claims && !(await this.claims.claim(id))) {
        this.recent.remember(id);
        return false;
      }
      await task();
    } catch (e) {
      // A claim may be in the store even when its write failed; the update log remembers at once that
      // it was given back (app/updates.ts), so the removal is not waited for: on a database that hangs
      // it would hold the webhook's 5xx past the platform's patience.
      void this.claims?.release(id).catch(() => undefined);
      throw e;
    }
    this.recent.remember(id);
    return true;
  }
}
