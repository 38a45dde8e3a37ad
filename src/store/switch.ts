/**
 * A store that hands every call to the store it is set to, so that the process's own chat core and
 * bot can be warmed up on a scratch copy of the data before they take traffic and then go on, the
 * same objects, on the real store (src/warm-up.ts). Warming the very functions that will serve the
 * traffic is what lets the JIT's code carry over: a second core or bot built for the warm-up has
 * closures of its own, whose compiled code the real ones throw away at their first call.
 */
import { collections, type CollectionName } from "./collections";
import type { Collections, Store, TransactionOptions } from "./store";

/** A `Store` whose calls go to the store set last with `use`. */
export interface StoreSwitch extends Store {
  /** From now on, every call goes to `target`. */
  use(target: Store): void;
  /** The store calls go to now. */
  readonly target: Store;
}

// The collections are getters on the prototype, one per entry of `collections`.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
interface SwitchedStore extends Collections {}

class SwitchedStore implements StoreSwitch {
  constructor(public target: Store) {}

  use(target: Store): void {
    this.target = target;
  }

  transaction<R>(fn: (tx: Collections) => Promise<R>, options?: TransactionOptions): Promise<R> {
    return this.target.transaction(fn, options);
  }

  flush(): Promise<void> {
    return this.target.flush();
  }

  close(): Promise<void> {
    return this.target.close();
  }
}
for (const name of Object.keys(collections) as CollectionName[]) {
  Object.defineProperty(SwitchedStore.prototype, name, {
    get(this: SwitchedStore) {
      return this.target[name];
    },
  });
}

/**
 * @example const store = switchableStore(real); store.use(scratch); await warm(); store.use(real);
 */
export function switchableStore(target: Store): StoreSwitch {
  return new SwitchedStore(target);
}
