import { describe, expect, it } from "vitest";
import { buttonData, createTestBot, seedUnit } from "../helpers/chat";
import { twoUnits } from "./two-units";

/** The bloc of ./two-units.ts, where three cadres have submitted a certificate. The issue: "A cadre may submit one; the officer confirms it." */
async function bloc() {
  const bot = await twoUnits();
  await bot.say("cb", "/chungchingoai trungcap 1234/TCCT 15/06/2026 Trường Chính trị TP. Cần Thơ");
  bot.setNow("2026-11-29T04:00:00.000Z");
  await bot.say("cb2", "/chungchingoai khac 55 01/03/2026 Thành đoàn Cần Thơ");
  await bot.say("cb3", "/chungchingoai youth-work NV-3 10/10/2025 Thành đoàn Cần Thơ");
  return bot;
}

describe("/chungchicho: the submissions waiting for an officer's confirmation", () => {
  it("lists an officer's own unit only, oldest first, each with Confirm and Reject", async () => {
    const bot = await bloc();
    const replies = await bot.say("sec", "/chungchicho");
    expect(replies.map((r) => r.text)).toEqual([
      "Chứng chỉ học tại nơi khác chờ xác nhận: 2 (hiện 2 chứng chỉ gửi sớm nhất).",
      "1. Lê Văn An (Đoàn cơ sở Sở Tư pháp): Học lý luận chính trị trung cấp, số 1234/TCCT, do Trường Chính trị TP. Cần Thơ cấp ngày 15/06/2026 — gửi ngày 29/11/2026.",
      "2. Võ Thị Hà (Đoàn cơ sở Sở Tư pháp): khác, số 55, do Thành đoàn Cần Thơ cấp ngày 01/03/2026 — gửi ngày 29/11/2026.",
    ]);
    expect(replies[1]!.buttons![0]!.map((b) => b.label)).toEqual(["Xác nhận chứng chỉ", "Từ chối"]);
  });

  it("lists every unit's submissions to an admin", async () => {
    const bot = await bloc();
    const texts = (await bot.say("admin", "/chungchicho")).map((r) => r.text);
    expect(texts[0]).toBe("Chứng chỉ học tại nơi khác chờ xác nhận: 3 (hiện 3 chứng chỉ gửi sớm nhất).");
    expect(texts[3]).toBe(
      "3. Đặng Thị Lan (Đoàn cơ sở Sở Y tế): Bồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên, số NV-3, do Thành đoàn Cần Thơ cấp ngày 10/10/2025 — gửi ngày 29/11/2026.",
    );
  });

  it("confirms from the list through /chungchingoai's own path: the diploma counts and raises the level", async () => {
    const bot = await bloc();
    const replies = await bot.say("sec", "/chungchicho");
    const answer = await bot.text("sec", buttonData(replies[1]!, "Xác nhận chứng chỉ"), { isButton: true });
    expect(answer).toBe(
      "Đã ghi nhận chứng chỉ số 1234/TCCT của Lê Văn An (do Trường Chính trị TP. Cần Thơ cấp ngày 15/06/2026). Chứng chỉ được tính vào chỉ tiêu như chứng chỉ của lớp do Đoàn Khối tổ chức.",
    );
    expect(await bot.store.certificates.find({ personId: "p-cb" })).toMatchObject([
      { number: "1234/TCCT", origin: "outside", kind: "theory-intermediate", recordedBy: "p-sec" },
    ]);
    expect((await bot.store.cadres.get("p-cb"))!.theoryLevel).toBe("intermediate");
    expect((await bot.say("sec", "/chungchicho"))[0]!.text).toBe(
      "Chứng chỉ học tại nơi khác chờ xác nhận: 1 (hiện 1 chứng chỉ gửi sớm nhất).",
    );
  });

  it("rejects from the list: nothing is recorded, the cadre is told, the rejection is audited", async () => {
    const bot = await bloc();
    const replies = await bot.say("sec", "/chungchicho");
    expect(await bot.text("sec", buttonData(replies[2]!, "Từ chối"), { isButton: true })).toBe(
      "Đã từ chối chứng chỉ số 55 của Võ Thị Hà; bot đã báo cho cán bộ.",
    );
    expect(await bot.store.certificates.find({ personId: "p-cb2" })).toEqual([]);
    expect(bot.inbox("p-cb2")).toContain(
      "Chứng chỉ số 55 bạn gửi chưa được Bí thư, Phó Bí thư đơn vị xác nhận. Bạn liên hệ Bí thư đơn vị hoặc gửi lại với thông tin đúng bằng /chungchingoai.",
    );
    expect((await bot.store.audit.find({ action: "certificate.reject" })).map((a) => [a.actorId, a.subjectId])).toEqual([
      ["p-sec", "p-cb2"],
    ]);
    expect(await bot.text("sec", buttonData(replies[2]!, "Từ chối"), { isButton: true })).toContain(
      "Không có chứng chỉ nào đang chờ xác nhận",
    );
  });

  it("refuses an officer of another unit, and a cadre who is no officer", async () => {
    const bot = await bloc();
    const [sub] = (await bot.store.trainingSubmissions.all()).filter((s) => s.unitId === "u01");
    expect(await bot.text("sec2", `/chungchingoai tuchoi ${sub!.id}`)).toBe(
      "Bạn chỉ ghi nhận, xác nhận được chứng chỉ của cán bộ đơn vị mình.",
    );
    expect(await bot.text("cb", "/chungchicho")).toContain("không có quyền dùng lệnh /chungchicho");
    expect(await bot.store.trainingSubmissions.count()).toBe(3);
  });

  it("says so when nothing waits", async () => {
    const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z" });
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "sec", position: "secretary" }]);
    expect(await bot.text("sec", "/chungchicho")).toBe(
      "Không có chứng chỉ học tại nơi khác hay trình độ lý luận chính trị nào đang chờ xác nhận.",
    );
  });

  it("lists a cadre's own raise of their theory level after the certificates, for the unit's officers and the admins, with /hoso's Confirm and Reject", async () => {
    const bot = await bloc();
    await bot.say("cb", "/hoso theoryLevel");
    await bot.say("cb", "advanced");
    await bot.say("cb3", "/hoso theoryLevel");
    await bot.say("cb3", "intermediate");
    const replies = await bot.say("sec", "/chungchicho");
    expect(replies.map((r) => r.text).slice(3)).toEqual([
      "Trình độ lý luận chính trị cán bộ tự khai chờ xác nhận: 1 (hiện 1 trường hợp khai sớm nhất).",
      "1. Lê Văn An (Đoàn cơ sở Sở Tư pháp): lý luận chính trị Sơ cấp → Cao cấp — khai ngày 29/11/2026.",
    ]);
    expect(replies[4]!.buttons).toEqual([
      [
        { label: "Xác nhận", data: "/hoso duyet p-cb" },
        { label: "Từ chối", data: "/hoso tuchoi p-cb" },
      ],
    ]);
    const admin = (await bot.say("admin", "/chungchicho")).map((r) => r.text);
    expect(admin.slice(4)).toEqual([
      "Trình độ lý luận chính trị cán bộ tự khai chờ xác nhận: 2 (hiện 2 trường hợp khai sớm nhất).",
      "1. Lê Văn An (Đoàn cơ sở Sở Tư pháp): lý luận chính trị Sơ cấp → Cao cấp — khai ngày 29/11/2026.",
      "2. Đặng Thị Lan (Đoàn cơ sở Sở Y tế): lý luận chính trị Sơ cấp → Trung cấp — khai ngày 29/11/2026.",
    ]);
    expect(await bot.text("sec", buttonData(replies[4]!, "Xác nhận"), { isButton: true })).toBe(
      "Đã xác nhận trình độ lý luận chính trị Cao cấp của Lê Văn An.",
    );
    expect((await bot.store.cadres.get("p-cb"))!.theoryLevel).toBe("advanced");
    expect((await bot.say("sec", "/chungchicho")).map((r) => r.text)).toHaveLength(3);
  });

  it("lists only the raises when no certificate waits, and a rejection from the list leaves the recorded level", async () => {
    const bot = await twoUnits();
    await bot.say("cb3", "/hoso theoryLevel");
    await bot.say("cb3", "intermediate");
    expect(await bot.text("sec", "/chungchicho")).toBe(
      "Không có chứng chỉ học tại nơi khác hay trình độ lý luận chính trị nào đang chờ xác nhận.",
    );
    const replies = await bot.say("sec2", "/chungchicho");
    expect(replies.map((r) => r.text)).toEqual([
      "Trình độ lý luận chính trị cán bộ tự khai chờ xác nhận: 1 (hiện 1 trường hợp khai sớm nhất).",
      "1. Đặng Thị Lan (Đoàn cơ sở Sở Y tế): lý luận chính trị Sơ cấp → Trung cấp — khai ngày 29/11/2026.",
    ]);
    expect(await bot.text("sec2", buttonData(replies[1]!, "Từ chối"), { isButton: true })).toBe(
      "Đã từ chối trình độ lý luận chính trị Trung cấp mà Đặng Thị Lan khai.",
    );
    expect(await bot.store.cadres.get("p-cb3")).toMatchObject({ theoryLevel: "basic" });
    expect((await bot.store.cadres.get("p-cb3"))!.theoryRaise).toBeUndefined();
  });
});
