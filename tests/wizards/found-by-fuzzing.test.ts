/** What the fuzz tests found, kept as plain examples so that a regression reads clearly. */
import { describe, expect, it } from "vitest";
import { seedWorld, speakers } from "./routes";

describe("refusals found by fuzzing", () => {
  it("quotes at most 60 characters of a 5,000-character class kind typed at /taolop", async () => {
    const bot = await seedWorld();
    await bot.say(speakers.admin, "/taolop");
    const [refusal] = await bot.say(speakers.admin, "x".repeat(5000));
    expect(refusal!.text).toBe(`Không có loại lớp “${"x".repeat(59)}…” trong Kế hoạch. Hãy chọn một nút.`);
  });

  it("quotes at most 60 characters of a long unit name typed at /thongbao", async () => {
    const bot = await seedWorld();
    await bot.say(speakers.admin, "/thongbao");
    await bot.say(speakers.admin, "units");
    const [refusal] = await bot.say(speakers.admin, "Nguyễn".repeat(900));
    expect(refusal!.text.length).toBeLessThan(120);
    expect(refusal!.text).toBe(`Không tìm thấy đơn vị nào khớp với «${"Nguyễn".repeat(9)}Nguyễ…».`);
  });
});
