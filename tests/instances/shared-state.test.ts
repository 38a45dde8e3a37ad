import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createUpdateLog } from "../../src/app/updates";
import { menuKey, withNumberedOptions } from "../../src/chat/numbered";
import { openLowdbStore } from "../../src/store/lowdb-store";
import { openPostgresStore } from "../../src/store/postgres/postgres-store";
import type { Store } from "../../src/store/store";
import { createTestBot, seedUnit, type TestBot } from "../helpers/chat";
import { freshDatabase } from "../helpers/postgres";

const stores: Store[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.close();
});

/** Two bot instances: each its own chat core and its own connections to one database. */
async function twoInstances(): Promise<[TestBot, TestBot]> {
  const url = await freshDatabase();
  const open = async () => {
    const store = await openPostgresStore({ url });
    stores.push(store);
    return createTestBot({ store });
  };
  return [await open(), await open()];
}

/** A Zalo user's message through the numbered-options wrapper of one instance; the replies' texts. */
async function onZalo(bot: TestBot, userId: string, text: string): Promise<string> {
  const handle = withNumberedOptions(bot.store, bot.handle, bot.deps.now);
  return (await handle({ channel: "zalo", chatId: userId, userId, chatType: "private", text })).map((r) => r.text).join("\n\n");
}

describe("several instances on one PostgreSQL database", () => {
  it("carries a wizard and its numbered options over, whichever instance gets the next message", async () => {
    const [a, b] = await twoInstances();
    await seedUnit(a.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
      { userId: "sec1", position: "secretary", electedOn: "2025-03-01" },
    ]);
    expect(await onZalo(a, "z1", "/start u-u01")).toContain("Họ và tên");
    expect(await onZalo(b, "z1", "Nguyễn Văn An")).toContain("Chức vụ");
    const menu = await a.store.menus.get(menuKey({ channel: "zalo", chatId: "z1", userId: "z1" }));
    const member = menu!.options.findIndex((o) => o.label === "Đoàn viên") + 1;
    expect(member).toBeGreaterThan(0);
    expect(await onZalo(a, "z1", String(member))).toContain("lý luận chính trị");
  });

  it("links accounts with a code shown by one instance and sent to the other", async () => {
    const [a, b] = await twoInstances();
    const [cadre] = await seedUnit(a.store, { id: "u01" }, [{ userId: "t1", fullName: "Trần Thị Bình" }]);
    const code = /Mã kết nối của bạn: ([A-Z0-9]{6})/.exec(await a.text("t1", "/maketnoi"))![1]!;
    expect(await onZalo(b, "z1", `/ketnoi ${code}`)).toContain("Đã kết nối!");
    expect((await a.store.accounts.get("zalo:z1"))!.personId).toBe(cadre);
  });

  it("hands an update id to exactly one of two instances claiming it at once", async () => {
    const [a, b] = await twoInstances();
    const now = () => new Date("2026-11-29T03:00:00.000Z");
    const logs = [createUpdateLog(a.store, now), createUpdateLog(b.store, now)];
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => logs[i % 2]!.claim(`telegram:${1000 + Math.floor(i / 2)}`)));
    // Ids 1000…1009, each claimed by both instances: one claim wins per id.
    expect(claims.filter(Boolean)).toHaveLength(10);
    for (let id = 0; id < 10; id++) expect([claims[2 * id], claims[2 * id + 1]].filter(Boolean)).toHaveLength(1);
  });
});

describe("update de-duplication in the embedded store", () => {
  it("remembers a handled update across a restart, and forgets it after 24 hours", async () => {
    const dir = await mkdtemp(join(tmpdir(), "doan-updates-"));
    try {
      let now = new Date("2026-11-29T03:00:00.000Z");
      const first = await openLowdbStore({ dir });
      expect(await createUpdateLog(first, () => now).claim("zalo:m-1")).toBe(true);
      await first.close();
      const again = await openLowdbStore({ dir });
      const log = createUpdateLog(again, () => now);
      expect(await log.claim("zalo:m-1")).toBe(false);
      now = new Date("2026-11-30T03:00:01.000Z");
      expect(await log.prune()).toBe(1);
      expect(await log.claim("zalo:m-1")).toBe(true);
      await again.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
