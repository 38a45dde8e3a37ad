/**
 * Every command against every speaker: guest, cadre, officer, an officer of another unit, admin, and
 * a cadre marked lecturer. The expected matrix is written out below, and so is the first line of the
 * reply to each command a speaker may run (`permissions-replies.ts`); a command a feature adds
 * without a row in both fails.
 */
import { describe, expect, it } from "vitest";
import { commandRules, type Role } from "../src/app/permissions";
import type { Command } from "../src/chat/feature";
import { allFeatures } from "../src/features";
import { translator } from "../src/i18n";
import { createTestBot, seedUnit, type TestBot } from "./helpers/chat";
import { firstLines, type Speaker } from "./permissions-replies";

const t = translator("vi");

/** Who may run each command (English alias): G guest, C cadre, O officer, A admin; "-" refused. */
const expected: Record<string, string> = {
  start: "GCOA",
  help: "GCOA",
  lang: "GCOA",
  myid: "GCOA",
  cancel: "GCOA",
  back: "GCOA",
  register: "GCOA",
  approve: "--OA",
  reject: "--OA",
  pending: "--OA",
  promote: "---A",
  profile: "GCOA",
  mydata: "GCOA",
  forgetme: "GCOA",
  withdrawconsent: "GCOA",
  unit: "--OA",
  link: "--OA",
  importroster: "---A",
  exportroster: "--OA",
  auditlog: "---A",
  newunit: "---A",
  units: "---A",
  renameunit: "---A",
  mergeunit: "---A",
  closeunit: "---A",
  choosesecretary: "---A",
  unitlinks: "---A",
  setup: "---A",
  newclass: "---A",
  schedule: "GCOA",
  enroll: "-COA",
  withdraw: "-COA",
  nominate: "--OA",
  partycommittee: "--OA",
  quota: "---A",
  reclaim: "---A",
  opencheckin: "-COA",
  checkin: "-COA",
  mark: "---A",
  attendance: "---A",
  complete: "---A",
  cancelclass: "---A",
  certificates: "-COA",
  eligibility: "-COA",
  outsidecert: "-COA",
  pendingcerts: "--OA",
  importcerts: "--OA",
  planned: "--OA",
  lecturer: "---A",
  report: "--OA",
  status: "--OA",
  progress: "--OA",
  export: "---A",
  yearreport: "---A",
  planreport: "---A",
  plan: "---A",
  reminders: "GCOA",
  announce: "---A",
  linkcode: "GCOA",
  connect: "GCOA",
  channel: "GCOA",
  web: "-COA",
};
const letter: Record<Role, string> = { guest: "G", cadre: "C", officer: "O", admin: "A" };

/** Commands that, below admin, only a lecturer may run (a bloc-level mark): the others of the role are refused with this sentence. */
const lecturersOnly: Record<string, string> = {
  opencheckin: "Chỉ báo cáo viên hoặc Ban Thường vụ Đoàn Khối mới mở điểm danh được.",
};

const speakers: { name: string; userId: Speaker; role: Role; lecturer?: boolean }[] = [
  { name: "a guest", userId: "guest", role: "guest" },
  { name: "a cadre", userId: "cadre", role: "cadre" },
  { name: "an officer", userId: "officer", role: "officer" },
  { name: "an officer of another unit", userId: "other", role: "officer" },
  { name: "an admin", userId: "admin", role: "admin" },
  { name: "a lecturer", userId: "lecturer", role: "cadre", lecturer: true },
];

const commands = allFeatures(() => []).flatMap((f) => f.commands ?? []);

async function world(): Promise<TestBot> {
  const bot = await createTestBot({ adminIds: ["telegram:admin"] });
  await seedUnit(bot.store, { id: "u01" }, [
    { userId: "cadre", position: "member" },
    { userId: "officer", position: "secretary", electedOn: "2025-01-01" },
    { userId: "applicant", position: "member", status: "pending" },
    { userId: "lecturer", position: "member", lecturer: true },
  ]);
  await seedUnit(bot.store, { id: "u02" }, [{ userId: "other", position: "deputy", electedOn: "2025-01-01" }]);
  return bot;
}

const refusal = (command: Command) => t("common:errors.notAllowed", { command: command.name });
/** What a guest is told for a cadre's command: a registration, once approved, opens it. */
const registerFirst = (command: Command) =>
  `Lệnh /${command.name} dành cho cán bộ Đoàn đã đăng ký hồ sơ. Bạn gõ /dangky để đăng ký; khi đơn vị duyệt, bạn dùng được lệnh này.`;

/** The reply a speaker should get to the bare command: a refusal's sentence, or the first line written out. */
function expectedReply(command: Command, speaker: (typeof speakers)[number]): string | RegExp | undefined {
  if (!expected[command.alias]?.includes(letter[speaker.role]))
    return speaker.role === "guest" && expected[command.alias]?.includes(letter.cadre) ? registerFirst(command) : refusal(command);
  const byPosition = lecturersOnly[command.alias];
  if (byPosition && speaker.role !== "admin" && !speaker.lecturer) return byPosition;
  const lines = firstLines[command.alias];
  return lines?.[speaker.userId] ?? lines?.all;
}

describe("a cadre's command typed before one can use it", () => {
  it("tells a guest to register and one whose registration waits that it opens once approved", async () => {
    const bot = await world();
    expect(await bot.text("guest", "/ghidanh")).toBe(
      "Lệnh /ghidanh dành cho cán bộ Đoàn đã đăng ký hồ sơ. Bạn gõ /dangky để đăng ký; khi đơn vị duyệt, bạn dùng được lệnh này.",
    );
    expect(await bot.text("applicant", "/chungchi")).toBe(
      "Lệnh /chungchi dùng được khi hồ sơ của bạn được duyệt. Hồ sơ đang chờ Bí thư, Phó Bí thư đơn vị duyệt; bot sẽ báo bạn ngay khi có kết quả.",
    );
    expect(await bot.text("guest", "/tiendo")).toBe("Bạn không có quyền dùng lệnh /tiendo. Gõ /trogiup để xem các lệnh dành cho bạn.");
  });
});

describe("the permission table", () => {
  it("has exactly the rows of the expected matrix, with the same roles", () => {
    const table = Object.fromEntries(
      Object.entries(commandRules).map(([alias, rule]) => [
        alias,
        (["guest", "cadre", "officer", "admin"] as Role[]).map((r) => (rule.roles.includes(r) ? letter[r] : "-")).join(""),
      ]),
    );
    expect(table).toEqual(expected);
  });

  it("lists every command of the features in the matrix and in the replies", () => {
    for (const c of commands) {
      expect(expected[c.alias], `/${c.name} (${c.alias})`).toBeDefined();
      expect(firstLines[c.alias], `/${c.name} (${c.alias})`).toBeDefined();
    }
  });

  for (const command of commands) {
    for (const speaker of speakers) {
      const want = expectedReply(command, speaker);
      const refused = want === refusal(command) || want === registerFirst(command) || want === lecturersOnly[command.alias];
      it(`${refused ? "refuses" : "lets"} ${speaker.name} run /${command.name} (/${command.alias})`, async () => {
        const bot = await world();
        const chat = command.chats === "group" ? { chatType: "group" as const, chatId: "-100" } : {};
        const answer = await bot.text(speaker.userId, `/${command.name}`, chat);
        if (refused) expect(answer).toBe(want);
        else if (want instanceof RegExp) expect(answer.split("\n")[0]).toMatch(want);
        else expect(answer.split("\n")[0]).toBe(want);
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
      for (const [userId, expected] of [
        ["other", /chỉ xử lý được việc của đơn vị mình/],
        ["officer", s.own],
      ] as const) {
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
    for (const text of ["/donvi", "/donvi u01", "/xuatds", "/xuatds u01"])
      expect(await bot.text("guest", text)).toContain("không có quyền");
    expect(await bot.text("applicant", "/donvi u01")).toContain("không có quyền");
  });
});

describe("unit scope of the plan's marks and outside certificates", () => {
  it("lets the unit's officer and an admin mark a planned cadre or record an outside certificate, not an officer of another unit", async () => {
    const bot = await world();
    expect(await bot.text("other", "/quyhoach p-cadre phobithu")).toBe("Bạn chỉ đánh dấu được cán bộ của đơn vị mình.");
    expect(await bot.text("officer", "/quyhoach p-cadre phobithu")).toContain("quy hoạch chức danh Phó Bí thư");
    expect(await bot.text("other", "/chungchingoai p-cadre khac 1 01/01/2026 Thành đoàn")).toBe(
      "Bạn chỉ ghi nhận, xác nhận được chứng chỉ của cán bộ đơn vị mình.",
    );
    expect(await bot.text("admin", "/chungchingoai p-cadre khac 1 01/01/2026 Thành đoàn")).toContain("Đã ghi nhận chứng chỉ số 1");
  });
});
