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
