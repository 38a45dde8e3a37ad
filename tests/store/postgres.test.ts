import { describe, expect, it } from "vitest";
import pg from "pg";
import { openPostgresStore } from "../../src/store/postgres/postgres-store";
import { SchemaTooNewError } from "../../src/store/postgres/migrate-schema";
import { freshDatabase, freshPostgresStore } from "../helpers/postgres";
import { storeContract } from "./contract";
import { cadre, unit } from "../helpers/records";

/** A promise and the function that settles it. */
function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

/** Resolves once some transaction of the database waits for an advisory lock another holds. */
async function someoneWaits(url: string): Promise<void> {
  for (;;) {
    const { rows } = await sql(url, "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
    if (rows[0].n > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

storeContract("postgresql", freshPostgresStore);

async function sql(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

describe("postgresql backend", () => {
  it("applies its migrations once, even when two processes' stores open the database together", async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([openPostgresStore({ url }), openPostgresStore({ url })]);
    await a.units.put(unit("u01"));
    expect((await b.units.get("u01"))!.name).toBe("Đoàn cơ sở u01");
    const { rows } = await sql(url, "SELECT version, name FROM schema_migrations ORDER BY version");
    expect(rows).toEqual([
      { version: 1, name: "collections" },
      { version: 2, name: "seen-updates" },
      { version: 3, name: "plans" },
      { version: 4, name: "web-passes" },
    ]);
    await Promise.all([a.close(), b.close()]);
  });

  it("refuses to start against a schema newer than it knows, saying so", async () => {
    const url = await freshDatabase();
    await (await openPostgresStore({ url })).close();
    await sql(url, "INSERT INTO schema_migrations (version, name) VALUES (999, 'from-the-future')");
    const error = await openPostgresStore({ url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaTooNewError);
    expect((error as Error).message).toBe(
      "The database schema is at version 999, newer than this doan-bot knows (4): upgrade doan-bot, or point DATABASE_URL at another database.",
    );
  });

  it("refuses to load a record that breaks its schema, naming the collection and the field", async () => {
    const store = await freshPostgresStore();
    await sql(store.url, `INSERT INTO units (id, data) VALUES ('u01', '{"id":"u01","name":"","type":"agency"}')`);
    await expect(store.units.get("u01")).rejects.toThrow(/units\/u01.*name/);
    await store.close();
  });

  it("keeps a record's place in the listing when it is replaced, and puts a re-added one last", async () => {
    const store = await freshPostgresStore();
    for (const id of ["u01", "u02", "u03"]) await store.units.put(unit(id));
    await store.units.put(unit("u01", { name: "Tên mới" }));
    await store.units.remove("u02");
    await store.units.put(unit("u02"));
    expect((await store.units.all()).map((u) => u.id)).toEqual(["u01", "u03", "u02"]);
    await store.close();
  });

  it("lists another instance's changes at once: replaced, removed and added records", async () => {
    const url = await freshDatabase();
    const [a, b] = [await openPostgresStore({ url }), await openPostgresStore({ url })];
    for (const id of ["u01", "u02", "u03"]) await a.units.put(unit(id));
    expect((await a.units.all()).map((u) => u.name)).toEqual(["Đoàn cơ sở u01", "Đoàn cơ sở u02", "Đoàn cơ sở u03"]);
    await b.units.put(unit("u02", { name: "Đổi ở máy kia" }));
    await b.units.remove("u03");
    await b.units.put(unit("u04"));
    expect((await a.units.all()).map((u) => u.name)).toEqual(["Đoàn cơ sở u01", "Đổi ở máy kia", "Đoàn cơ sở u04"]);
    expect((await a.units.find({ name: "Đổi ở máy kia" })).map((u) => u.id)).toEqual(["u02"]);
    await sql(url, `UPDATE units SET data = '{"id":"u01","name":"","type":"agency"}' WHERE id = 'u01'`);
    await expect(a.units.all()).rejects.toThrow(/units\/u01.*name/);
    await Promise.all([a.close(), b.close()]);
  });

  it("answers a ping while the database is up", async () => {
    const store = await freshPostgresStore();
    expect(await store.ping()).toBe(true);
    await store.close();
  });
  it("survives its connection being cut in the middle of a transaction: that transaction fails, the next write works", async () => {
    const store = await freshPostgresStore();
    await store.units.put(unit("u01"));
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    let started!: () => void;
    const inside = new Promise<void>((r) => (started = r));
    const cut = store.transaction(async (tx) => {
      await tx.units.get("u01");
      started();
      await gate;
      await tx.units.put(unit("u01", { name: "Không bao giờ lưu" }));
    });
    await inside;
    // The database ends the transaction's session while it waits between two statements (as a restart or a dropped link does).
    await sql(
      store.url,
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    await new Promise((r) => setTimeout(r, 200)); // the connection's end reaches the client while nothing is asked of it
    open();
    await expect(cut).rejects.toThrow();
    await store.units.put(unit("u02"));
    expect((await store.units.all()).map((u) => u.name)).toEqual(["Đoàn cơ sở u01", "Đoàn cơ sở u02"]);
    await store.close();
  });
  it("runs transactions on different records at once: one finishes while another is still open", async () => {
    const store = await freshPostgresStore();
    await store.units.put(unit("u01"));
    await store.units.put(unit("u02"));
    const a = gate();
    const inside = gate();
    const first = store.transaction(async (tx) => {
      const u = await tx.units.get("u01");
      inside.open();
      await a.opened;
      await tx.units.put({ ...u!, members: 31 });
    });
    await inside.opened;
    // With one lock for every write this would wait for the first transaction, which waits for us.
    await store.transaction(async (tx) => {
      const u = await tx.units.get("u02");
      await tx.units.put({ ...u!, members: 32 });
    });
    await store.cadres.put(cadre("p-1", "u02")); // a single write elsewhere does not wait either
    a.open();
    await first;
    expect((await store.units.all()).map((u) => u.members)).toEqual([31, 32]);
    await store.close();
  });

  it("makes a write to what an open transaction listed wait for it, and one to other records not", async () => {
    const store = await freshPostgresStore();
    await store.cadres.put(cadre("p-1", "u01"));
    const a = gate();
    const inside = gate();
    const done: string[] = [];
    const lister = store.transaction(async (tx) => {
      const listed = await tx.cadres.find({ unitId: "u01" });
      inside.open();
      await a.opened;
      done.push(`listed ${listed.length}`);
    });
    await inside.opened;
    await store.cadres.put(cadre("p-9", "u02")); // another unit: not listed, not held up
    const joining = store.cadres.put(cadre("p-2", "u01")).then(() => done.push("p-2 added"));
    await someoneWaits(store.url);
    expect(done).toEqual([]);
    a.open();
    await Promise.all([lister, joining]);
    expect(done).toEqual(["listed 1", "p-2 added"]);
    // A record moved out of the listed unit waits too: its old value is locked as well as its new one.
    const b = gate();
    const inside2 = gate();
    const lister2 = store.transaction(async (tx) => {
      await tx.cadres.find({ unitId: "u01" });
      inside2.open();
      await b.opened;
      done.push("listed again");
    });
    await inside2.opened;
    const moving = store.transaction(async (tx) => {
      await tx.cadres.put(cadre("p-2", "u03"));
    });
    const moved = moving.then(() => done.push("p-2 moved"));
    await someoneWaits(store.url);
    b.open();
    await Promise.all([lister2, moved]);
    expect(done.slice(2)).toEqual(["listed again", "p-2 moved"]);
    await store.close();
  });

  it("runs again the transaction PostgreSQL stops to break a deadlock, so both finish", async () => {
    const store = await freshPostgresStore();
    await store.units.put(unit("u01"));
    await store.units.put(unit("u02"));
    const aHas = gate();
    const bHas = gate();
    let runs = 0;
    // Each takes one record, then wants the other's: a deadlock, broken by PostgreSQL failing one.
    const crossing = (mine: string, theirs: string, have: () => void, theyHave: Promise<void>) =>
      store.transaction(async (tx) => {
        runs++;
        const u = await tx.units.get(mine);
        have();
        await theyHave;
        await tx.units.get(theirs);
        await tx.units.put({ ...u!, members: u!.members + 1 });
      });
    await Promise.all([crossing("u01", "u02", aHas.open, bHas.opened), crossing("u02", "u01", bHas.open, aHas.opened)]);
    expect(runs).toBe(3);
    expect((await store.units.all()).map((u) => u.members)).toEqual([31, 31]);
    await store.close();
  });
});
