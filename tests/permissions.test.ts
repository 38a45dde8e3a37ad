/**
 * Every command of the permission table against every role: guest, cadre, officer, an officer of
 * another unit, admin. The list comes from the table and the features, so it grows with them.
 */
import { describe, expect, it } from "vitest";
import { permissions, type Role } from "../src/app/permissions";
import type { Command } from "../src/chat/feature";
import { allFeatures } from "../src/features";
import { translator } from "../src/i18n";
import { createTestBot, seedUnit, type TestBot } from "./helpers/chat";

const t = translator("vi");
const actors: { name: string; userId: string; role: Role }[] = [
  { name: "a guest", userId: "guest", role: "guest" },
  { name: "a cadre", userId: "cadre", role: "cadre" },
  { name: "an officer", userId: "officer", role: "officer" },
  { name: "an officer of another unit", userId: "other", role: "officer" },
  { name: "an admin", userId: "admin", role: "admin" },
];

const commands = allFeatures(() => []).flatMap((f) => f.commands ?? []);
const byAlias = new Map<string, Command>(commands.map((c) => [c.alias, c]));
const tested = Object.keys(permissions).filter((alias) => byAlias.has(alias));

async function world(): Promise<TestBot> {
  const bot = await createTestBot({ adminIds: ["telegram:admin"] });
  await seedUnit(bot.store, { id: "u01" }, [
    { userId: "cadre", position: "member" },
    { userId: "officer", position: "secretary", electedOn: "2025-01-01" },
    { userId: "applicant", position: "member", status: "pending" },
  ]);
  await seedUnit(bot.store, { id: "u02" }, [{ userId: "other", position: "deputy", electedOn: "2025-01-01" }]);
  return bot;
}

const refusal = (command: Command) => t("common:errors.notAllowed", { command: command.name });

describe("the permission table", () => {
  it("covers commands of the features (cancel and back are the core's own)", () => {
    expect(tested.length).toBeGreaterThanOrEqual(13);
    for (const c of commands) expect(permissions[c.alias], c.alias).toBeDefined();
  });

  for (const alias of tested) {
    const command = byAlias.get(alias)!;
    for (const actor of actors) {
      const allowed = permissions[alias]!.includes(actor.role);
      it(`${allowed ? "lets" : "refuses"} ${actor.name} run /${command.name} (/${alias})`, async () => {
        const bot = await world();
        const chat = command.chats === "group" ? { chatType: "group" as const, chatId: "-100" } : {};
        const answer = await bot.text(actor.userId, `/${command.name}`, chat);
        if (allowed) {
          expect(answer).not.toBe(refusal(command));
          expect(answer).not.toContain(t("common:errors.unexpected"));
        } else {
          expect(answer).toBe(refusal(command));
        }
      });
    }
  }
});

/** Commands acting on one unit (u01): its officer and admins may, an officer of u02 may not. */
const scoped: { alias: string; text: string; group?: boolean; own: RegExp }[] = [
  { alias: "approve", text: "/duyet p-applicant", own: /Đã duyệt/ },
  { alias: "reject", text: "/tuchoi p-applicant thiếu thông tin", own: /Đã từ chối/ },
  { alias: "unit", text: "/donvi u01", own: /p-applicant/ },
  { alias: "exportroster", text: "/xuatds u01", own: /Danh sách cán bộ/ },
  { alias: "link", text: "/lienket u01", group: true, own: /đã được liên kết/ },
];

describe("unit scope", () => {
  for (const s of scoped) {
    it(`lets the unit's officer and an admin ${s.alias}, and refuses an officer of another unit`, async () => {
      const chat = s.group ? { chatType: "group" as const, chatId: "-100" } : {};
      for (const [userId, expected] of [["other", /chỉ xử lý được việc của đơn vị mình/], ["officer", s.own]] as const) {
        const bot = await world();
        expect(await bot.text(userId, s.text, chat)).toMatch(expected);
      }
      const bot = await world();
      expect(await bot.text("admin", s.text, chat)).toMatch(s.own);
    });
  }

  it("shows an officer of another unit none of this unit's pending registrations", async () => {
    const bot = await world();
    expect(await bot.text("other", "/choduyet")).toBe("Không có đăng ký nào đang chờ duyệt.");
    expect(await bot.text("officer", "/choduyet")).toContain("Có 1 đăng ký");
  });

  it("shows a guest no roster at all", async () => {
    const bot = await world();
    for (const text of ["/donvi", "/donvi u01", "/xuatds", "/xuatds u01"]) expect(await bot.text("guest", text)).toContain("không có quyền");
    expect(await bot.text("applicant", "/donvi u01")).toContain("không có quyền");
  });
});
