/**
 * The `Notifier` port over the outbox: every message to someone other than the person who wrote
 * is a keyed outbox entry (`notice:<what>:<subject>:<recipient>`), delivered by the scheduler's one
 * delivery. The message is written when it is queued, in the recipient's language then: the
 * features' messages carry buttons, plural forms and dates a locale key could not, and they are
 * sent within a second of being queued. A notice is always written in the transaction of the change
 * it tells about (the port takes no call without `tx`), and the delivery is woken by `flush()`
 * once that transaction has committed.
 */
import { entryId, newEntry, NOTICE_KIND, type OutboxRecipient, type WrittenReply } from "../domain/outbox";
import { translator, type T } from "../i18n";
import type { Collections } from "../store/store";
import type { Deps, Notifier } from "./deps";
import type { Reply } from "./messages";
import { localeOf } from "./reach";

/** A notice queued on the store itself rather than in the transaction of its change (a programming error). */
export class NoticeOutsideTransaction extends Error {
  constructor(key: string) {
    super(`The notice ${key} was queued outside a transaction: pass the \`tx\` of the change it tells about.`);
    this.name = "NoticeOutsideTransaction";
  }
}

/** What of a reply a notice keeps: its text and buttons (a notice carries no file). */
function written(reply: Reply): WrittenReply {
  return { text: reply.text, ...(reply.buttons?.length ? { buttons: reply.buttons } : {}) };
}

/**
 * The notifier of a process: `wake` starts the delivery (through `deps.wakeOutbox`, set by the scheduler).
 * @example const deps: Deps = { ...base, notify: createNotifier(base, () => deps.wakeOutbox?.()) };
 */
export function createNotifier(deps: Pick<Deps, "store" | "now" | "config">, wake: () => void): Notifier {
  /** The delivery sends in order of `createdAt`: each notice is stamped at least 1 ms after the one before, so two queued in one ms keep their order. */
  let last = 0;

  /** Writes the entry unless its id is already there; true when it was written. */
  async function write(c: Collections, to: OutboxRecipient, key: string, render: (t: T) => Reply): Promise<boolean> {
    const id = entryId(key, to);
    if (await c.outbox.get(id)) return false;
    const fallback = deps.config.defaultLocale;
    const locale = to.type === "person" ? localeOf(await c.people.get(to.personId), fallback) : fallback;
    const now = deps.now();
    last = Math.max(now.getTime(), last + 1);
    const message = { key: NOTICE_KIND, vars: {}, reply: written(render(translator(locale))) };
    await c.outbox.put(newEntry({ id, kind: NOTICE_KIND, to, message, essential: true, notBefore: now.toISOString() }, new Date(last)));
    return true;
  }

  function scope(): Notifier {
    let queuedInTx = false;
    async function queue(to: OutboxRecipient, key: string, render: (t: T) => Reply, tx: Collections): Promise<void> {
      // A Store is also a set of collections: passing it would write the notice apart from its change.
      if ("transaction" in tx) throw new NoticeOutsideTransaction(key);
      if (await write(tx, to, key, render)) queuedInTx = true;
    }
    return {
      toPerson: (personId, key, render, tx) => queue({ type: "person", personId }, key, render, tx),
      toChat: ({ channel, chatId, group }, key, render, tx) =>
        queue({ type: "chat", channel, chatId, group: group ?? false }, key, render, tx),
      scope,
      flush() {
        if (!queuedInTx) return;
        queuedInTx = false;
        wake();
      },
    };
  }
  return scope();
}
