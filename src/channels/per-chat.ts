/**
 * What every channel does with the updates it receives, written once: one chat's updates are
 * handled in order, one after another (different chats in parallel), and an update the platform
 * delivers twice is handled once.
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
    this.keys.add(key);
    if (this.keys.size > this.capacity) this.keys.delete(this.keys.values().next().value!);
    return false;
  }
}
