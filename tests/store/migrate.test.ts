import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createUpdateLog } from "../../src/app/updates";
import { collections, type CollectionName } from "../../src/store/collections";
import { openLowdbStore } from "../../src/store/lowdb-store";
import { openPostgresStore } from "../../src/store/postgres/postgres-store";
import type { Store } from "../../src/store/store";
import { createTestBot, seedBloc } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";
import { freshDatabase } from "../helpers/postgres";
import { cleanEnv, runTs } from "../helpers/process";
import { tempDirs } from "../helpers/temp-dirs";

const tempDir = tempDirs("migrate");

async function migrate(args: string[], env: Record<string, string>): Promise<{ code: number | string; out: string; err: string }> {
  const child = runTs("scripts/migrate.ts", args, cleanEnv(env));
  const code = await child.exited;
  return { code, out: child.stdout(), err: child.stderr() };
}

/** Every collection's records, in order. */
async function everything(store: Store): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const name of Object.keys(collections) as CollectionName[]) out[name] = await store[name].all();
  return out;
}

describe("npm run migrate", () => {
  it("copies a data directory into PostgreSQL and back, giving equal data, and refuses a non-empty target", async () => {
    const source = await tempDir();
    {
      const store = await openLowdbStore({ dir: source });
      await seedBloc(store, { units: 5, cadresPerUnit: 8, linkedGroups: 2 });
      await seedCourse(store, { id: "c-1", capacity: 3 });
      const bot = await createTestBot({ store });
      for (const user of ["u1-1", "u2-1", "u3-1", "u4-1"]) await bot.say(user, "/ghidanh c-1");
      await bot.say("new-person", "/start u-u1"); // a wizard left half-way
      await createUpdateLog(store, () => new Date("2026-11-29T03:00:00.000Z")).claim("telegram:77");
      await store.close();
    }
    const url = await freshDatabase();

    const there = await migrate(["--to", "postgres", "--data-dir", source], { DATABASE_URL: url });
    expect(there.err).toBe("");
    expect(there.code).toBe(0);
    expect(there.out).toContain("Copied 136 records into the PostgreSQL database:");
    // 5 units, 40 cadres, 41 people and accounts (one newcomer), a class, 4 enrolments, a wizard, an update id.
    expect(there.out).toContain("  cadres: 40\n");

    const target = join(await tempDir(), "copy");
    const back = await migrate(["--to", "dir", "--data-dir", target], { DATABASE_URL: url });
    expect(back.code, back.err).toBe(0);
    expect(back.out).toContain(`Copied 136 records into the data directory ${target}:`);

    const original = await openLowdbStore({ dir: source });
    const copy = await openLowdbStore({ dir: target });
    const postgres = await openPostgresStore({ url });
    try {
      const expected = await everything(original);
      expect(expected.enrollments).toHaveLength(4);
      expect(expected.wizards).toHaveLength(1);
      expect(await everything(postgres)).toEqual(expected);
      expect(await everything(copy)).toEqual(expected);
    } finally {
      await Promise.all([original.close(), copy.close(), postgres.close()]);
    }

    const again = await migrate(["--to", "postgres", "--data-dir", source], { DATABASE_URL: url });
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/^The target database is not empty \(.*cadres 40.*\): copy into an empty database or data directory\.\n$/);
    const overDir = await migrate(["--to", "dir", "--data-dir", target], { DATABASE_URL: url });
    expect(overDir.code).toBe(2);
    expect(overDir.err).toContain(`The target ${target} is not empty`);
  }, 90_000);

  it("refuses a mistyped flag or a missing target, saying how to call it", async () => {
    const url = await freshDatabase();
    const typo = await migrate(["--to", "dir", "--datadir", "x"], { DATABASE_URL: url });
    expect(typo.code).toBe(2);
    expect(typo.err).toContain("Unknown option '--datadir'");
    expect(typo.err).toContain("usage: npm run migrate -- --to postgres");
    const noDir = await migrate(["--to", "dir"], { DATABASE_URL: url });
    expect(noDir.code).toBe(2);
    expect(noDir.err).toContain("--to dir needs --data-dir DIR");
    const noUrl = await migrate(["--to", "postgres"], {});
    expect(noUrl.err).toContain("DATABASE_URL must be set");
  }, 60_000);
});
