/** A data file from a newer version, or damaged by hand, is refused at open — named — and never rewritten. */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openLowdbStore } from "../../src/store/lowdb-store";
import { cadre, person, unit } from "../helpers/records";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Opens a store on a directory holding `data` as its file; resolves the error it throws and the file after. */
async function openOn(data: unknown): Promise<{ error: Error | undefined; before: string; after: string }> {
  const dir = await mkdtemp(join(tmpdir(), "doan-unknown-"));
  dirs.push(dir);
  const before = JSON.stringify(data);
  await writeFile(join(dir, "db.json"), before);
  let error: Error | undefined;
  try {
    await (await openLowdbStore({ dir })).close();
  } catch (e) {
    error = e as Error;
  }
  return { error, before, after: await readFile(join(dir, "db.json"), "utf8") };
}

const known = { units: { u01: unit("u01") }, people: { "p-1": person("p-1") }, cadres: { "p-1": cadre("p-1", "u01") } };

describe("data this version does not know", () => {
  it("opens a file holding only known collections and fields", async () => {
    expect((await openOn(known)).error).toBeUndefined();
  });

  it("refuses a collection it does not know, naming it, and leaves the file as it was", async () => {
    const { error, before, after } = await openOn({ ...known, trainingPlans: { "tp-1": { id: "tp-1" } } });
    expect(error?.name).toBe("UnknownDataError");
    expect(error?.message).toContain('collection "trainingPlans"');
    expect(after).toBe(before);
  });

  it("refuses a record with a field it does not know, naming the record and the field", async () => {
    const { error, before, after } = await openOn({ ...known, cadres: { "p-1": { ...cadre("p-1", "u01"), partyMember: false } } });
    expect(error?.message).toBe(
      'The record cadres/p-1 has a field "partyMember" that this version of doan-bot does not know (written by a newer version?). Nothing was changed; run the version that wrote it.',
    );
    expect(after).toBe(before);
  });

  it("finds an unknown field inside a nested object or a list", async () => {
    const consent = await openOn({
      ...known,
      cadres: { "p-1": cadre("p-1", "u01", { consent: { purposes: ["training"], at: "2026-03-01T02:00:00.000Z", version: 2 } as never }) },
    });
    expect(consent.error?.message).toContain('cadres/p-1 has a field "consent.version"');
    const group = { channel: "telegram", chatId: "-1001", linkedBy: "p-1", at: "2026-03-01T02:00:00.000Z", topic: 7 };
    const groups = await openOn({ ...known, units: { u01: { ...unit("u01"), groups: [group] } } });
    expect(groups.error?.message).toContain('units/u01 has a field "groups[0].topic"');
  });

  it("reports a null record with its key", async () => {
    const { error, after, before } = await openOn({ ...known, people: { "p-1": person("p-1"), "p-null": null } });
    expect(error?.name).toBe("InvalidRecordError");
    expect(error?.message).toBe("Invalid record people/p-null: record: null, expected an object");
    expect(after).toBe(before);
  });
});
