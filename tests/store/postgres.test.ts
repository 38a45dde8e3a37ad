import { describe, expect, it } from "vitest";
import pg from "pg";
import { openPostgresStore } from "../../src/store/postgres/postgres-store";
import { SchemaTooNewError } from "../../src/store/postgres/migrate-schema";
import { freshDatabase, freshPostgresStore } from "../helpers/postgres";
import { storeContract } from "./contract";
import { unit } from "../helpers/records";

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
      "The database schema is at version 999, newer than this doan-bot knows (3): upgrade doan-bot, or point DATABASE_URL at another database.",
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
});
