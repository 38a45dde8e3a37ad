import { describe, expect, it } from "vitest";
import { createTestBot, seedUnit } from "../helpers/chat";
import { seedCourse } from "../helpers/classes";
import { currentPlan, plan49 } from "../helpers/plan";

/** 29/11/2026 with only Plan 49 (2020–2022) in the store: no plan runs today. */
async function afterPlan49() {
  const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z", plan: plan49() });
  await seedUnit(bot.store, { id: "u01" }, [
    { userId: "sec", position: "secretary", electedOn: "2026-03-01" },
    { userId: "cb", position: "committee" },
  ]);
  return bot;
}

const file = (content: unknown, fileName = "ke-hoach.json") => ({ document: { fileName, content: Buffer.from(JSON.stringify(content)) } });

describe("/kehoach: plans over time", () => {
  it("tells the admins that no plan covers today and asks them to start one; nobody else sees numbers", async () => {
    const bot = await afterPlan49();
    expect(await bot.text("admin", "/tiendo")).toBe(
      "Hôm nay không có kế hoạch nào đang thực hiện: kế hoạch gần nhất là 49-KH/ĐTN (07/04/2020 – 31/12/2022). Gõ /kehoach moi để lập kế hoạch mới từ kế hoạch này (đổi giai đoạn, chỉ tiêu, lớp hằng năm…), hoặc gửi tệp kế hoạch.",
    );
    const officer = await bot.text("sec", "/tiendo");
    expect(officer).toContain("Hiện chưa có kế hoạch đào tạo, bồi dưỡng nào đang thực hiện");
    expect(officer).not.toMatch(/\d+%/);
    const list = await bot.text("admin", "/kehoach");
    expect(list).toContain(
      "• 49-KH/ĐTN — Kế hoạch thực hiện Đề án “Đào tạo, bồi dưỡng cán bộ Đoàn, Hội” giai đoạn 2020 - 2022 (07/04/2020 – 31/12/2022): đã kết thúc, lưu làm lịch sử",
    );
    expect(list).toContain("Hôm nay không có kế hoạch nào đang thực hiện");
    expect(await bot.text("sec", "/kehoach")).toContain("không có quyền");
  });

  it("starts a new plan from the previous one by chat, after a preview, and counts progress over its period", async () => {
    const bot = await afterPlan49();
    const preview = await bot.text("admin", "/kehoach moi 12-KH/ĐTN 01/01/2026 31/12/2028 Kế hoạch đào tạo cán bộ Đoàn 2026 - 2028");
    expect(preview).toContain("Xem trước kế hoạch 12-KH/ĐTN — Kế hoạch đào tạo cán bộ Đoàn 2026 - 2028 (01/01/2026 – 31/12/2028)");
    expect(preview).toContain("Kế hoạch mới, lập từ 49-KH/ĐTN.");
    expect(preview).toContain(
      "Lớp tổ chức hằng năm: Bồi dưỡng nghiệp vụ công tác Đoàn và phong trào thanh niên; Bồi dưỡng kiến thức bổ trợ",
    );
    expect(await bot.store.plans.count()).toBe(1);
    expect(await bot.text("admin", "ok")).toBe(
      "Đã lưu kế hoạch 12-KH/ĐTN; đây là kế hoạch đang thực hiện. Tiến độ (/tiendo) tính theo giai đoạn của kế hoạch này.",
    );
    expect((await bot.runningPlan()).id).toBe("12-KH/ĐTN");
    expect(await bot.store.plans.get("12-KH/ĐTN")).toMatchObject({
      basedOn: "49-KH/ĐTN",
      period: { from: "2026-01-01", to: "2028-12-31" },
    });
    expect(await bot.store.plans.get("49-KH/ĐTN")).toMatchObject({ period: { from: "2020-04-07", to: "2022-12-31" } });
    expect(await bot.text("admin", "/tiendo")).toContain("Tiến độ thực hiện 12-KH/ĐTN (tính từ 01/01/2026 đến 31/12/2028)");
    expect((await bot.store.audit.all()).map((a) => a.action)).toContain("plan.save");
  });

  it("refuses a period overlapping another plan, naming the field", async () => {
    const bot = await afterPlan49();
    expect(await bot.text("admin", "/kehoach moi 5-KH 01/06/2022 31/12/2026")).toBe(
      "Chưa lưu được kế hoạch:\n• Giai đoạn trùng với kế hoạch 49-KH/ĐTN (07/04/2020 – 31/12/2022): các kế hoạch không được chồng thời gian.",
    );
    expect(await bot.store.plans.count()).toBe(1);
  });

  it("refuses a target over 100%, naming the field", async () => {
    const bot = await createTestBot();
    expect(await bot.text("admin", "/kehoach chitieu T1 120")).toBe(
      "Chưa lưu được kế hoạch:\n• Chỉ tiêu T1: tỷ lệ 120% không hợp lệ, tỷ lệ phải từ 0 đến 100%.",
    );
  });

  it("changes a target of a plan that has classes only after a warning, and leaves certificates as they are", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" });
    await seedCourse(bot.store, { id: "c-1", year: 2026 });
    const preview = await bot.text("admin", "/kehoach chitieu T1 90");
    expect(preview).toContain("Thay đổi so với bản đang lưu: chỉ tiêu.");
    expect(preview).toContain("⚠️ Kế hoạch này đã có 1 lớp. Thay đổi chỉ áp dụng từ nay; chứng chỉ đã cấp giữ nguyên.");
    expect((await bot.runningPlan()).targets[0]!.percent).toBe(100);
    await bot.say("admin", "ok");
    expect((await bot.runningPlan()).targets[0]!.percent).toBe(90);
    expect((await bot.store.plans.get("KH-2026"))!.targets[0]!.percent).toBe(90);
  });

  it("loads a plan file: a course kind with no audience or a period ending first is refused, naming the field's path in the file; a valid file previews what changes", async () => {
    const bot = await createTestBot();
    const broken = currentPlan({ id: "KH-2028", period: { from: "2028-01-01", to: "2030-12-31" } });
    const kinds = broken.courseKinds.map((k, i) => (i === 1 ? { ...k, audiences: [] } : k));
    expect(await bot.text("admin", "", file({ ...broken, courseKinds: kinds }))).toBe(
      "Chưa lưu được kế hoạch:\n• Loại lớp supplementary (courseKinds.1.audiences) chưa có đối tượng, hoặc có đối tượng không có trong kế hoạch: mỗi loại lớp cần ít nhất một đối tượng của mục III.1.",
    );
    const backwards = { ...broken, period: { from: "2030-12-31", to: "2028-01-01" } };
    expect(await bot.text("admin", "", file(backwards))).toBe(
      "Chưa lưu được kế hoạch:\n• Giai đoạn (period.to) không hợp lệ: ngày kết thúc phải sau ngày bắt đầu, ngày viết dạng yyyy-mm-dd.",
    );
    const changed = { ...currentPlan(), newlyElectedLeadInMonths: 9 };
    const preview = await bot.text("admin", "", file(changed));
    expect(preview).toContain("Thay đổi so với bản đang lưu: thời gian trước kế hoạch tính là mới được bầu.");
    await bot.say("admin", "ok");
    expect((await bot.runningPlan()).newlyElectedLeadInMonths).toBe(9);
  });
});
