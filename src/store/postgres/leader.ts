/**
 * The scheduler's leader among several instances on one database: the instance holding a
 * PostgreSQL session advisory lock on a dedicated connection. The lock dies with its session, so
 * when the leader's process dies (kill -9, a crash) the server frees it at once; when its machine
 * or network dies, the server's TCP keepalives (set here to ~25 s) end the session. Followers try
 * to take the lock every `checkMs`; the leader checks its connection as often and steps down when
 * it stops answering.
 *
 * The same connection LISTENs for wake-ups: an instance that queues messages (a broadcast) calls
 * `wake()` and the leader starts delivering at once instead of at its next tick.
 */
import pg from "pg";
import { boundedConnection, DATABASE_BOUNDS } from "./bounds";

/** The session advisory lock of the scheduler's leader ("doan" + 3). */
const LEADER_LOCK = 0x646f616e03;
const WAKE_CHANNEL = "doan_outbox";

export interface PostgresLeadership {
  /** True while this instance leads. */
  leading(): boolean;
  /** Called with true when this instance becomes the leader, false when it stops being it. */
  onChange(listener: (leading: boolean) => void): void;
  /** Called on the leader when any instance asks for delivery. */
  onWake(listener: () => void): void;
  /** Asks the leader (wherever it runs) to deliver now. */
  wake(): Promise<void>;
  /** Gives the lead up and closes the connection. */
  stop(): Promise<void>;
}

export interface LeadershipOptions {
  url: string;
  /** How often a follower tries to lead and the leader checks its connection (ms). */
  checkMs: number;
  onError?: (err: unknown) => void;
}

/**
 * Starts competing for the lead in the background.
 * @example const lead = competeForLead({ url, checkMs: 10_000 }); lead.onChange((l) => log.info({ leading: l }));
 */
export function competeForLead(options: LeadershipOptions): PostgresLeadership {
  const changeListeners: ((leading: boolean) => void)[] = [];
  const wakeListeners: (() => void)[] = [];
  let client: pg.Client | null = null;
  let leading = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();

  const set = (next: boolean) => {
    if (next === leading) return;
    leading = next;
    for (const l of changeListeners) l(next);
  };
  const drop = () => {
    const old = client;
    client = null;
    set(false);
    old?.removeAllListeners("notification");
    void old?.end().catch(() => {});
  };

  async function connect(): Promise<pg.Client> {
    // Bounded like the store's connections: a database that hangs fails the check instead of stalling it.
    const c = new pg.Client({
      ...boundedConnection(options.url, DATABASE_BOUNDS, DATABASE_BOUNDS.readAnswerMs),
      connectionTimeoutMillis: DATABASE_BOUNDS.connectMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    c.on("error", (err) => {
      options.onError?.(err);
      if (client === c) drop();
    });
    c.on("end", () => client === c && drop());
    await c.connect();
    // The server ends the session of a machine that vanished within ~25 s, freeing the lock.
    await c.query("SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3");
    c.on("notification", () => leading && wakeListeners.forEach((l) => l()));
    await c.query(`LISTEN ${WAKE_CHANNEL}`);
    return c;
  }

  /** One check: try to lead, or make sure the lead is still held. */
  async function check(): Promise<void> {
    try {
      if (!client) client = await connect();
      const c = client;
      if (leading) {
        const answered = await Promise.race([
          c.query("SELECT 1").then(() => true),
          new Promise<false>((r) => setTimeout(() => r(false), options.checkMs)),
        ]);
        if (!answered && client === c) drop();
      } else {
        const { rows } = await c.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [LEADER_LOCK]);
        if (rows[0]?.ok && client === c && !stopped) set(true);
      }
    } catch (err) {
      options.onError?.(err);
      drop();
    }
  }

  const loop = () => {
    round = check().finally(() => {
      if (!stopped) timer = setTimeout(loop, options.checkMs);
    });
  };
  loop();

  return {
    leading: () => leading,
    onChange: (l) => void changeListeners.push(l),
    onWake: (l) => void wakeListeners.push(l),
    async wake() {
      if (leading) return void wakeListeners.forEach((l) => l());
      await client?.query(`NOTIFY ${WAKE_CHANNEL}`);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
      const c = client;
      client = null;
      set(false);
      await c?.end().catch(() => {});
    },
  };
}
