/**
 * One Secretary per unit in data stored before the rule: a unit with two approved Secretaries is
 * named to the admins once, with a choice of who keeps the post; until then counts and contact
 * lists read the latest elected as the Secretary; the choice makes the other a committee member,
 * the post kept in their history.
 */
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n";
import { renderMessage } from "../../src/scheduler/recipient";
import { planTick } from "../../src/scheduler/tick";
import { buttonData, createTestBot, seedUnit, type TestBot } from "../helpers/chat";

async function bloc(): Promise<TestBot> {
  const bot = await createTestBot({ adminIds: ["telegram:admin"], now: "2026-11-29T03:00:00.000Z" });
  await bot.say("admin", "/trogiup");
  await seedUnit(bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp", code: "STP" }, [
    { userId: "an", fullName: "Lê Văn An", position: "secretary", electedOn: "2024-06-01" },
    { userId: "binh", fullName: "Trần Thị Bình", position: "secretary", electedOn: "2025-10-15" },
    { userId: "cuc", fullName: "Ngô Thị Cúc", position: "deputy", electedOn: "2025-10-15" },
  ]);
  await seedUnit(bot.store, { id: "u02", name: "Đoàn cơ sở Sở Nội vụ", code: "SNV" }, [
    { userId: "dung", fullName: "Phạm Văn Dũng", position: "secretary", electedOn: "2025-03-01" },
  ]);
  return bot;
}

const notices = async (bot: TestBot) => (await bot.store.outbox.all()).filter((e) => e.kind === "warn:two-secretaries");

describe("a unit with two Secretaries from before the rule", () => {
  it("lists one Secretary, the latest elected, in the unit's roster and sends its registrations to that one", async () => {
    const bot = await bloc();
    const roster = await bot.text("admin", "/donvi u01");
    expect(roster).toContain("• Trần Thị Bình (p-binh) — Bí thư;");
    expect(roster).toContain("• Lê Văn An (p-an) — Ủy viên BCH;");
    expect(roster.match(/— Bí thư;/g)).toHaveLength(1);
    // A newcomer's registration goes to the unit's officers: the presumed Secretary and the Deputy, not the other.
    await bot.say("newbie", "/start u-u01");
    let last = "";
    for (const a of ["Đỗ Văn Giang", "member", "basic", "1996", "-", "yes"]) last = await bot.text("newbie", a);
    expect(last).toBe(
      "Đã gửi đăng ký tới Trần Thị Bình, Ngô Thị Cúc (Bí thư, Phó Bí thư Đoàn cơ sở Sở Tư pháp) để duyệt. Bot sẽ báo bạn ngay khi đăng ký được duyệt.",
    );
  });

  it("tells the admins once, with a button per Secretary; the choice makes the other a committee member with the post in their history", async () => {
    const bot = await bloc();
    await planTick(bot.deps);
    bot.setNow("2026-11-29T04:00:00.000Z");
    await planTick(bot.deps);
    const sent = await notices(bot);
    // One notice, to the one admin, for u01 only (u02 has one Secretary).
    expect(sent).toHaveLength(1);
    expect(sent[0]!.id).toMatch(/^warn:two-secretaries:u01:[0-9a-z]+:/);
    // Its short form (a channel that cannot compose it) names the command.
    expect(renderMessage(sent[0]!.message, "vi").text).toBe(
      "⚠️ Đoàn cơ sở Sở Tư pháp đang có nhiều Bí thư: Trần Thị Bình (15/10/2025), Lê Văn An (01/06/2024). Mỗi đơn vị chỉ có một Bí thư; cho đến khi bạn chọn, số liệu tính Trần Thị Bình (người được bầu gần nhất) là Bí thư. Gõ /chonbithu STP để chọn.",
    );
    const composed = await bot.composers["units.twoSecretaries"]!(bot.deps, sent[0]!.message.vars, translator("vi"), "vi");
    expect(composed.text).toBe(
      "⚠️ Đoàn cơ sở Sở Tư pháp đang có 2 Bí thư: Trần Thị Bình (bầu ngày 15/10/2025); Lê Văn An (bầu ngày 01/06/2024). Mỗi đơn vị chỉ có một Bí thư: bạn chọn người giữ chức; những người còn lại chuyển thành Ủy viên BCH và vẫn được ghi là Bí thư tiền nhiệm. Cho đến khi bạn chọn, số liệu và danh sách liên hệ tính Trần Thị Bình (người được bầu gần nhất) là Bí thư.",
    );
    expect(composed.buttons!.map((r) => r.map((b) => [b.label, b.data]))).toEqual([
      [["Trần Thị Bình giữ chức Bí thư", "/chonbithu u01 p-binh"]],
      [["Lê Văn An giữ chức Bí thư", "/chonbithu u01 p-an"]],
    ]);
    expect(await bot.text("admin", buttonData(composed, "Lê Văn An giữ chức Bí thư"), { isButton: true })).toBe(
      "Lê Văn An là Bí thư của Đoàn cơ sở Sở Tư pháp. Trần Thị Bình chuyển thành Ủy viên BCH, chức Bí thư được giữ trong lịch sử.",
    );
    expect(await bot.store.cadres.get("p-binh")).toMatchObject({
      position: "committee",
      postSince: "2026-11-29",
      formerPosts: [{ unitId: "u01", position: "secretary", from: "2025-10-15", until: "2026-11-28", electedOn: "2025-10-15" }],
    });
    expect(await bot.store.cadres.get("p-an")).toMatchObject({ position: "secretary", electedOn: "2024-06-01" });
    expect((await bot.store.audit.find({ action: "cadre.replace" })).map((a) => [a.subjectId, a.details])).toEqual([
      ["p-binh", { by: "p-an" }],
    ]);
    expect(await bot.text("admin", "/donvi u01")).toContain("• Lê Văn An (p-an) — Bí thư;");
    expect(await bot.text("admin", "/chonbithu")).toBe("Không đơn vị nào có hơn một Bí thư.");
    // Settled: the next tick names nobody again, and a notice still waiting says there is nothing left to choose.
    bot.setNow("2026-11-30T04:00:00.000Z");
    await planTick(bot.deps);
    expect(await notices(bot)).toHaveLength(1);
    const late = await bot.composers["units.twoSecretaries"]!(bot.deps, sent[0]!.message.vars, translator("vi"), "vi");
    expect(late.text).toBe("Đoàn cơ sở Sở Tư pháp nay chỉ còn một Bí thư, không cần chọn nữa.");
  });

  it("lists every such unit for an admin typing /chonbithu, refuses a choice who is no Secretary there, and is refused to an officer", async () => {
    const bot = await bloc();
    const replies = await bot.say("admin", "/chonbithu");
    expect(replies.map((r) => r.text.split(":")[0])).toEqual([
      "1 đơn vị đang có hơn một Bí thư (dữ liệu từ trước khi áp dụng quy định mỗi đơn vị một Bí thư). Bạn chọn người giữ chức Bí thư cho từng đơn vị",
      "⚠️ Đoàn cơ sở Sở Tư pháp đang có 2 Bí thư",
    ]);
    expect(await bot.text("admin", "/chonbithu SNV")).toBe("Đoàn cơ sở Sở Nội vụ chỉ có một Bí thư, không cần chọn.");
    expect(await bot.text("admin", "/chonbithu u01 p-cuc")).toBe(
      "p-cuc không phải là Bí thư của đơn vị này. Gõ /chonbithu kèm mã đơn vị để xem các Bí thư.",
    );
    expect((await bot.store.cadres.get("p-binh"))!.position).toBe("secretary");
    expect(await bot.text("binh", "/chonbithu u01 p-binh")).toBe(
      "Bạn không có quyền dùng lệnh /chonbithu. Gõ /trogiup để xem các lệnh dành cho bạn.",
    );
    expect((await bot.store.cadres.get("p-an"))!.position).toBe("secretary");
  });
});
