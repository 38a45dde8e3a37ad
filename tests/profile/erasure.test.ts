/**
 * /xoadulieu frees everything (issue 25, point 2; Law 91/2025): the person leaves every class not
 * yet held (the seat goes back to the unit, the waitlist moves up, the unit's officers are told
 * without a name), classes already held keep an anonymous place, and the name, phone and birth
 * year are gone from every stored text and option — on disk (snapshot and journals, after the
 * store is closed) and in every PostgreSQL table.
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { newEntry } from "../../src/domain/outbox";
import { collections, type CollectionName } from "../../src/store/collections";
import { openLowdbStore } from "../../src/store/lowdb-store";
import { openPostgresStore, tableOf } from "../../src/store/postgres/postgres-store";
import type { Store } from "../../src/store/store";
import { buttonData, createTestBot, seedEnrollment, seedUnit, type TestBot } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";
import { freshDatabase } from "../helpers/postgres";

const name = "Hoàng Thị Xuyến";
const phone = "0987654321";
const born = "1997";
const cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

/** Registers the person in unit u01 (Secretary "sec"), approved; returns their id. */
async function register(bot: TestBot): Promise<string> {
  await bot.say("xuyen", "/start u-u01");
  for (const a of [name, "member", "basic", born, phone, "yes", "yes", "ok"]) await bot.say("xuyen", a);
  const id = (await bot.store.accounts.get("telegram:xuyen"))!.personId;
  await bot.say("sec", `/duyet ${id}`);
  return id;
}

/** What other people's records keep about her: as other features leave them. */
async function mentionsOfHer(store: Store, id: string) {
  const at = "2026-11-29T03:00:00.000Z";
  // Numbered options saved for the Secretary on Zalo: a notification about her, and another one.
  await store.menus.put({
    id: "zalo:sec-z:sec-z",
    options: [
      { label: `Duyệt ${name}`, data: `/duyet ${id}`, notice: "n1", about: `${name} đăng ký, SĐT ${phone}` },
      { label: "Từ chối", data: `/tuchoi ${id}`, notice: "n1" },
      { label: "Xem lịch học", data: "/lichhoc", notice: "n2" },
    ],
    at,
  } as never);
  // The Secretary's own conversation in progress, whose draft names her.
  await store.wizards.put({
    id: "telegram:sec:sec",
    wizard: "classes.nominate",
    step: "confirm",
    data: { who: name },
    history: [],
    updatedAt: at,
  });
  await store.audit.put({ id: "a-x1", at, actorId: "p-sec", action: "cadre.edit", subjectId: id, details: { note: `gọi ${phone}` } });
  await store.outbox.put(
    newEntry(
      {
        id: "notice:registered:p-sec",
        kind: "notice",
        to: { type: "person", personId: "p-sec" },
        message: { key: "registration:notifyApprovers", vars: { name, unit: "Đoàn cơ sở Sở Tư pháp" } },
        essential: true,
        notBefore: at,
      },
      new Date(at),
    ),
  );
}

async function scenario(store: Store): Promise<{ bot: TestBot; id: string }> {
  const bot = await createTestBot({ store });
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
    { userId: "sec", position: "secretary", electedOn: "2025-01-01" },
  ]);
  await seedUnit(bot.store, { id: "u01" }, [{ userId: "next", position: "member" }]);
  const id = await register(bot);
  // A class not yet held (one seat: hers; "next" of her unit waits), and one already held.
  await seedCourse(bot.store, { id: "k-soon", code: "L26-09", title: "Lớp sắp học", capacity: 1 });
  await seedEnrollment(bot.store, { courseId: "k-soon", personId: id, unitId: "u01", seq: 1 });
  await seedEnrollment(bot.store, { courseId: "k-soon", personId: "p-next", unitId: "u01", seq: 2, status: "waitlisted" });
  await seedCourse(bot.store, {
    id: "k-held",
    code: "L26-01",
    title: "Lớp đã học",
    status: "completed",
    sessions: [{ id: "s1", date: "2026-10-01", start: "08:00", end: "11:00", place: "Hội trường" }],
  });
  await seedEnrollment(bot.store, { courseId: "k-held", personId: id, unitId: "u01", seq: 1, attendance: { s1: "present" } as never });
  await mentionsOfHer(bot.store, id);

  const [confirm] = await bot.say("xuyen", "/xoadulieu");
  expect(await bot.text("xuyen", buttonData(confirm!, "Xóa dữ liệu của tôi"), { isButton: true })).toContain("Đã xóa dữ liệu cá nhân");
  return { bot, id };
}

/** What the erasure must have done, read through the store. */
async function expectFreed(bot: TestBot, id: string) {
  // The class not yet held: her seat is free, "next" moved up and was told; the Secretary was told, with no name.
  expect((await bot.store.enrollments.find({ courseId: "k-soon" })).map((e) => [e.personId, e.status])).toEqual([
    [id, "withdrawn"],
    ["p-next", "enrolled"],
  ]);
  expect(bot.inbox("p-next").join("\n")).toContain("Lớp sắp học");
  expect(bot.inbox("p-sec")).toContain(
    "Một cán bộ của đơn vị đã xóa dữ liệu cá nhân nên không còn trong lớp “Lớp sắp học”; chỗ của cán bộ đó đã được trả lại cho đơn vị.",
  );
  // The class already held keeps her place, by bare id, for the counts.
  expect((await bot.store.enrollments.find({ courseId: "k-held" })).map((e) => [e.personId, e.status])).toEqual([[id, "enrolled"]]);
  // Other people's texts: her name and phone replaced or dropped.
  expect((await bot.store.menus.get("zalo:sec-z:sec-z"))!.options.map((o) => o.label)).toEqual(["Xem lịch học"]);
  expect(await bot.store.wizards.get("telegram:sec:sec")).toBeUndefined();
  expect((await bot.store.audit.get("a-x1"))!.details).toEqual({ note: "gọi —" });
  expect((await bot.store.outbox.get("notice:registered:p-sec"))!.message.vars).toEqual({ name: "—", unit: "Đoàn cơ sở Sở Tư pháp" });
}

function filesHolding(dir: string, needles: string[]): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .filter((file) => {
      const text = readFileSync(file, "utf8");
      return needles.some((n) => text.includes(n) || text.includes(n.normalize("NFD")));
    });
}

describe("/xoadulieu frees everything", () => {
  it("on the embedded store: seats freed, and no file of the data directory holds the name, phone or birth year", async () => {
    const dir = mkdtempSync(join(tmpdir(), "doan-erase-"));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const store = await openLowdbStore({ dir });
    const { bot, id } = await scenario(store);
    await expectFreed(bot, id);
    await store.close();
    expect(filesHolding(dir, [name, phone, born])).toEqual([]);
  });

  it("on PostgreSQL: seats freed, and no table holds the name, phone or birth year", async () => {
    const url = await freshDatabase();
    const store = await openPostgresStore({ url });
    cleanup.push(() => store.close());
    const { bot, id } = await scenario(store);
    await expectFreed(bot, id);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    cleanup.push(() => client.end());
    const holding: string[] = [];
    for (const name_ of Object.keys(collections) as CollectionName[]) {
      const { rows } = await client.query<{ t: string }>(`SELECT data::text AS t FROM ${tableOf(name_)}`);
      if (rows.some((r) => [name, phone, born].some((n) => r.t.includes(n)))) holding.push(name_);
    }
    expect(holding).toEqual([]);
  });
});
