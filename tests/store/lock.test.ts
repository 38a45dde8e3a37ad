/** The directory lock with real processes: a lock left by a dead process, and two takers at once. */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openLowdbStore } from "../../src/store/lowdb-store";
import { StoreLockedError } from "../../src/store/store";
import { run, runTs, type Child } from "../helpers/process";

const dirs: string[] = [];
const children: Child[] = [];
afterAll(async () => {
  for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill("SIGKILL");
  await Promise.all(children.map((c) => c.exited));
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** A pid that was just used by a process that has ended. */
async function deadPid(): Promise<number> {
  const child = run(process.execPath, ["-e", ""], process.env);
  await child.exited;
  return child.proc.pid!;
}

describe("directory lock", () => {
  it("takes over a lock whose process is gone, and refuses one whose process runs", async () => {
    const dir = await mkdtemp(join(tmpdir(), "doan-lock-"));
    dirs.push(dir);
    await writeFile(join(dir, ".lock"), String(await deadPid()));
    const store = await openLowdbStore({ dir });
    await store.close();
    await writeFile(join(dir, ".lock"), String(process.ppid)); // our parent runs
    await expect(openLowdbStore({ dir })).rejects.toBeInstanceOf(StoreLockedError);
  });

  it("treats a live pid with another start time (Linux /proc) as a reused pid, not the holder", async () => {
    const dir = await mkdtemp(join(tmpdir(), "doan-lock-"));
    dirs.push(dir);
    await writeFile(join(dir, ".lock"), `${process.ppid} 1`); // the parent runs, but did not start at tick 1
    const store = await openLowdbStore({ dir });
    const [holder] = (await readFile(join(dir, ".lock"), "utf8")).split(" ");
    expect(holder).toBe(String(process.pid)); // taken over: the lock is ours now
    await store.close();
  });

  it("lets exactly one of two processes started together take over a stale lock", { timeout: 90_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "doan-lock-"));
    dirs.push(dir);
    await writeFile(join(dir, ".lock"), String(await deadPid()));
    const pair = [runTs("tests/store/fixtures/hold.ts", [dir]), runTs("tests/store/fixtures/hold.ts", [dir])];
    children.push(...pair);
    const outcomes = await Promise.all(
      pair.map((c) =>
        Promise.race([
          c
            .waitFor((o) => o.includes("ready"))
            .then(
              () => "ready",
              () => "exited",
            ),
          c.exited.then(() => "exited"),
        ]),
      ),
    );
    expect([...outcomes].sort()).toEqual(["exited", "ready"]);
    const loser = pair[outcomes.indexOf("exited")]!;
    expect(await loser.exited).not.toBe(0);
    expect(loser.stderr()).toContain("is in use by another doan-bot process");
  });
});
