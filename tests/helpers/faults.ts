/**
 * Stores with a fault switched on and off by the test: a data directory whose disk is full (every
 * write throws ENOSPC, as the embedded store's journal append does then), and a PostgreSQL server
 * gone (a TCP relay in front of it that refuses connections and cuts the open ones).
 */
import { createServer, connect, type Server, type Socket } from "node:net";
import { collections, type CollectionName } from "../../src/store/collections";
import type { Collection, Collections, Rec, Store } from "../../src/store/store";

/** The error a write meets on a full disk. */
export function diskFull(): Error {
  return Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28, syscall: "write" });
}

export interface FullDiskStore {
  store: Store;
  /** Which collections' writes fail now: none (`false`), all (`true`), or those the function picks. */
  full: boolean | ((collection: CollectionName) => boolean);
}

/**
 * `inner` with writes that throw ENOSPC while `full` says so: a put or remove, in a transaction
 * or not (the transaction is then undone, as the embedded store undoes it). Reads go on.
 */
export function withFullDisk(inner: Store): FullDiskStore {
  const control: FullDiskStore = { store: inner, full: false };
  const failing = (name: CollectionName) => (typeof control.full === "function" ? control.full(name) : control.full);
  const wrap = (from: Collections): Collections => {
    const out: Record<string, Collection<Rec>> = {};
    for (const name of Object.keys(collections) as CollectionName[]) {
      const c = from[name] as unknown as Collection<Rec>;
      out[name] = {
        get: (id) => c.get(id),
        all: () => c.all(),
        find: (where) => c.find(where),
        count: () => c.count(),
        put: (record) => (failing(name) ? Promise.reject(diskFull()) : c.put(record)),
        remove: (id) => (failing(name) ? Promise.reject(diskFull()) : c.remove(id)),
      };
    }
    return out as unknown as Collections;
  };
  control.store = {
    ...wrap(inner),
    transaction: (fn, options) => inner.transaction((tx) => fn(wrap(tx)), options),
    flush: () => inner.flush(),
    close: () => inner.close(),
  };
  return control;
}

/** The process stopping right after a transaction committed (what a kill -9 there would leave). */
export class CrashAfterCommit extends Error {
  constructor() {
    super("the process stopped right after the transaction committed");
    this.name = "CrashAfterCommit";
  }
}

export interface CommitFaultStore {
  store: Store;
  /**
   * What happens to transactions now: nothing (`undefined`); `"commit"`: each does its work, then
   * its commit fails (ENOSPC) and it is undone; `{ crashAfter }`: the first that writes to that
   * collection commits, then the code after it never runs (`CrashAfterCommit` is thrown in its
   * place) and the fault is off again, as after a restart.
   */
  fault: "commit" | { crashAfter: CollectionName } | undefined;
}

/** `tx` with every put and remove noted in `written` by collection. */
function noting(tx: Collections, written: Set<CollectionName>): Collections {
  const out: Record<string, Collection<Rec>> = {};
  for (const name of Object.keys(collections) as CollectionName[]) {
    const c = tx[name] as unknown as Collection<Rec>;
    out[name] = {
      get: (id) => c.get(id),
      all: () => c.all(),
      find: (where) => c.find(where),
      count: () => c.count(),
      put: (record) => (written.add(name), c.put(record)),
      remove: (id) => (written.add(name), c.remove(id)),
    };
  }
  return out as unknown as Collections;
}

/**
 * `inner` whose transactions fail at their commit, or stop the caller right after it, as `fault`
 * says. A failed commit lets the transaction's function run to its end (its change made, its
 * notices written), then throws ENOSPC, which undoes it as the embedded store undoes a transaction
 * that throws. Writes outside a transaction and reads go on.
 */
export function withCommitFault(inner: Store): CommitFaultStore {
  const control: CommitFaultStore = { store: inner, fault: undefined };
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(collections) as CollectionName[]) out[name] = inner[name];
  control.store = {
    ...(out as unknown as Collections),
    transaction: async (fn, options) => {
      const written = new Set<CollectionName>();
      const result = await inner.transaction(async (tx) => {
        const done = await fn(noting(tx, written));
        if (control.fault === "commit") throw diskFull();
        return done;
      }, options);
      const fault = control.fault;
      if (typeof fault === "object" && written.has(fault.crashAfter)) {
        control.fault = undefined;
        throw new CrashAfterCommit();
      }
      return result;
    },
    flush: () => inner.flush(),
    close: () => inner.close(),
  };
  return control;
}

export interface DatabaseLink {
  /** The database URL through the relay. */
  url: string;
  /** The database is gone: open connections are cut and new ones refused. */
  cut(): Promise<void>;
  /** The database is back, on the same address. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP relay on 127.0.0.1 in front of the PostgreSQL server of `url`, which the test can cut. */
export async function relayTo(url: string): Promise<DatabaseLink> {
  const target = new URL(url);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(Number(target.port), target.hostname);
        for (const [a, b] of [
          [client, upstream],
          [upstream, client],
        ] as const) {
          sockets.add(a);
          a.on("error", () => b.destroy());
          a.on("close", () => {
            sockets.delete(a);
            b.destroy();
          });
          a.pipe(b);
        }
      });
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => {
        port = (s.address() as { port: number }).port;
        server = s;
        resolve();
      });
    });
  const stop = async () => {
    const s = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen();
  const relayed = new URL(url);
  relayed.hostname = "127.0.0.1";
  relayed.port = String(port);
  return { url: relayed.toString(), cut: stop, restore: listen, close: stop };
}
