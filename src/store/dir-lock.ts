import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
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
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, mine);
      closeSync(fd);
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
      const [pidText, started] = readFileSync(file, "utf8").trim().split(" ");
      const pid = Number(pidText);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && holderAlive(pid, started)) throw new StoreLockedError(dir, pid);
      unlinkSync(file); // stale: its process is gone
    }
  }
  throw new StoreLockedError(dir, NaN);
}
