import { describe, expect, it } from "vitest";
import { twoUnits } from "../training-records/two-units";

/**
 * Plan I: cadres reach the political theory standard, and what counts must be true. A cadre who raises
 * their own level in /hoso waits for an officer of the unit, as a certificate from elsewhere does
 * (/chungchingoai); lowering it, or an officer changing their own, is saved at once.
 */
describe("/hoso: a cadre's own raise of the political theory level waits for the unit", () => {
  it("keeps the recorded level, tells the cadre it waits, asks the unit's Secretary, and counts it once confirmed", async () => {
    const bot = await twoUnits();
    expect(await bot.text("cb", "/hoso theoryLevel")).toContain("lý luận chính trị");
    expect(await bot.text("cb", "advanced")).toBe(
      "Đã ghi nhận trình độ lý luận chính trị Cao cấp của bạn; đơn vị sẽ xác nhận. Trong lúc chờ, hồ sơ vẫn tính theo trình độ đã lưu. Bot sẽ báo bạn khi có kết quả.",
    );
    expect(await bot.store.cadres.get("p-cb")).toMatchObject({ theoryLevel: "basic", theoryRaise: { level: "advanced" } });
    expect(bot.inbox("p-sec")).toContain(
      "Lê Văn An khai trình độ lý luận chính trị mới: Sơ cấp → Cao cấp. Bạn xác nhận nếu đúng (tính vào chỉ tiêu ngay khi xác nhận), hoặc từ chối.",
    );
    expect(bot.inboxReplies("p-sec").at(-1)!.buttons).toEqual([
      [
        { label: "Xác nhận", data: "/hoso duyet p-cb" },
        { label: "Từ chối", data: "/hoso tuchoi p-cb" },
      ],
    ]);
    expect(await bot.text("sec2", "/hoso duyet p-cb")).toBe("Bạn chỉ xử lý được việc của đơn vị mình.");
    expect((await bot.store.cadres.get("p-cb"))!.theoryLevel).toBe("basic");

    expect(await bot.text("sec", "/hoso duyet p-cb")).toBe("Đã xác nhận trình độ lý luận chính trị Cao cấp của Lê Văn An.");
    const cadre = await bot.store.cadres.get("p-cb");
    expect(cadre!.theoryLevel).toBe("advanced");
    expect(cadre!.theoryRaise).toBeUndefined();
    expect(bot.inbox("p-cb")).toContain("Đơn vị đã xác nhận trình độ lý luận chính trị Cao cấp của bạn.");
    expect(await bot.text("sec", "/hoso duyet p-cb")).toBe("Không có trình độ lý luận chính trị nào đang chờ xác nhận với mã p-cb.");
  });

  it("a rejected raise leaves the recorded level, and the cadre is told", async () => {
    const bot = await twoUnits();
    await bot.say("cb", "/hoso theoryLevel");
    await bot.say("cb", "intermediate");
    expect(await bot.text("sec", "/hoso tuchoi p-cb")).toBe("Đã từ chối trình độ lý luận chính trị Trung cấp mà Lê Văn An khai.");
    const cadre = await bot.store.cadres.get("p-cb");
    expect(cadre!.theoryLevel).toBe("basic");
    expect(cadre!.theoryRaise).toBeUndefined();
    expect(bot.inbox("p-cb")).toContain(
      "Đơn vị chưa xác nhận trình độ lý luận chính trị Trung cấp bạn khai; hồ sơ giữ trình độ đã lưu. Nếu có bằng, bạn gửi qua /chungchingoai nhé.",
    );
  });

  it("lowering one's own level, or a Secretary raising their own, is saved at once", async () => {
    const bot = await twoUnits();
    await bot.say("cb", "/hoso theoryLevel");
    expect(await bot.text("cb", "none")).toBe("Đã lưu thay đổi.");
    expect(await bot.store.cadres.get("p-cb")).toMatchObject({ theoryLevel: "none" });
    await bot.say("sec", "/hoso theoryLevel");
    expect(await bot.text("sec", "advanced")).toBe("Đã lưu thay đổi.");
    const secretary = await bot.store.cadres.get("p-sec");
    expect(secretary!.theoryLevel).toBe("advanced");
    expect(secretary!.theoryRaise).toBeUndefined();
  });
});
