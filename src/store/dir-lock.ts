import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { StoreLockedError } from "./store";

/** When a process started, in clock ticks since boot (Linux /proc); undefined elsewhere. */
function startTime(pid: number | "self"): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22; the command name (field 2) may hold spaces, so count from its closing parenthesis.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote the lock still runs (and is not a newer process given the same pid). */
function holderAlive(pid: number, started: string | undefined): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const now = startTime(pid);
  return !(started && now && now !== started);
}

const heldHere = new Set<string>();

/**
 * Takes the data directory for this process: a `.lock` file holding our pid (and, on Linux, our
 * start time, so a pid reused after a crash or a container restart is not mistaken for the holder).
 * A lock left by a process that died (kill -9) is taken over; one held by a live process throws
 * StoreLockedError.
 * @returns a function that releases the lock.
 */
export function lockDirectory(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, ".lock");
  if (heldHere.has(file)) throw new StoreLockedError(dir, process.pid);
  const mine = [process.pid, startTime("self")].filter(Boolean).join(" ");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      createWithContent(file, mine);
      heldHere.add(file);
      return () => {
        heldHere.delete(file);
        try {
          if (readFileSync(file, "utf8") === mine) unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const stale = readLock(file);
      if (stale === undefined) continue; // removed meanwhile: try again
      const [pidText, started] = stale.trim().split(" ");
      const pid = Number(pidText);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && holderAlive(pid, started)) throw new StoreLockedError(dir, pid);
      removeStale(file, stale);
    }
  }
  throw new StoreLockedError(dir, NaN);
}

/**
 * Creates `file` holding `text`, failing with EEXIST when it exists. The text is written to a
 * private file first and hard-linked into place, so another process never reads an empty lock
 * (and takes it for a stale one) between the creation and the write.
 */
function createWithContent(file: string, text: string): void {
  const own = `${file}.new-${process.pid}`;
  writeFileSync(own, text);
  try {
    linkSync(own, file);
  } finally {
    unlinkSync(own);
  }
}

function readLock(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/**
 * Removes a lock whose process is gone, but only that one: when two processes take over the same
 * stale lock at once, the slower one must not delete the lock the faster one has just made. So the
 * file is moved aside first and put back if it turns out to be someone else's fresh lock.
 */
function removeStale(file: string, stale: string): void {
  const aside = `${file}.stale-${process.pid}`;
  try {
    renameSync(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return; // another process removed it
    throw e;
  }
  if (readFileSync(aside, "utf8") !== stale) {
    try {
      linkSync(aside, file); // a live lock: put it back
    } catch {
      /* a third process took the directory meanwhile; ours will see its lock */
    }
  }
  unlinkSync(aside);
}
