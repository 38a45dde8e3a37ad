/** The registration walk over real HTTP: the Telegram channel between the fake Bot API and the chat core. */
import { afterEach, describe, expect, it } from "vitest";
import { seedUnit } from "../helpers/chat";
import { startTelegramHarness, type TelegramHarness } from "./harness";

let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("cadre registration over Telegram", () => {
  it("takes a newcomer from the deep link through contact sharing to an approved profile; another unit's Secretary cannot approve", async () => {
    h = await startTelegramHarness();
    await seedUnit(h.bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
      { userId: "500", position: "secretary", electedOn: "2025-01-01" },
    ]);
    await seedUnit(h.bot.store, { id: "u02", name: "Đoàn cơ sở Sở Y tế" }, [
      { userId: "600", position: "secretary", electedOn: "2025-01-01" },
    ]);
    let n = 0;
    const say = async (text: string, extra?: Record<string, unknown>) => {
      h!.fake.pushMessage({ userId: 100, text, extra });
      n += 1;
      const call = await h!.nthMessage(100, n);
      return call;
    };
    await say("/start u-u01");
    expect(h.texts(100)[0]).toContain("Đoàn cơ sở Sở Tư pháp");
    n += 1;
    await h.nthMessage(100, n);
    for (const answer of ["Nguyễn Thị Mai", "Đoàn viên", "Trung cấp"]) await say(answer);
    const phone = await say("1996");
    expect(phone.params.reply_markup.inline_keyboard[0][0].callback_data).toBe("-");
    const contactButton = await h.nthMessage(100, ++n);
    expect(contactButton.params.reply_markup.keyboard[0][0].request_contact).toBe(true);
    const summary = await say("", { contact: { phone_number: "84912345678", first_name: "Mai", user_id: 100 } });
    expect(String(summary.params.text)).toContain("91/2025/QH15");
    expect(String(summary.params.text)).toContain("0912345678");
    h.fake.pushCallback({ userId: 100, data: "both" });
    expect(String((await h.nthMessage(100, ++n)).params.text)).toContain("Đã gửi đăng ký");

    const id = (await h.bot.store.accounts.get("telegram:100"))!.personId;
    h.fake.pushCallback({ userId: 600, data: `/duyet ${id}` });
    expect(String((await h.nthMessage(600)).params.text)).toBe("Bạn chỉ xử lý được việc của đơn vị mình.");
    h.fake.pushCallback({ userId: 500, data: `/duyet ${id}` });
    expect(String((await h.nthMessage(500)).params.text)).toBe("Đã duyệt đăng ký của Nguyễn Thị Mai.");

    const profile = String((await say("/hoso")).params.text);
    expect(profile).toContain("Họ và tên: Nguyễn Thị Mai");
    expect(profile).toContain("Trạng thái: Đã duyệt");
    h.fake.pushMessage({ userId: 700, text: "/donvi u01" });
    expect(String((await h.nthMessage(700)).params.text)).toContain("không có quyền");
  });

  it("answers /lienket in a group with a button that opens the private chat through the unit's deep link", async () => {
    h = await startTelegramHarness();
    await seedUnit(h.bot.store, { id: "u01", name: "Đoàn cơ sở Sở Tư pháp" }, [
      { userId: "500", position: "secretary", electedOn: "2025-01-01" },
    ]);
    h.fake.pushMessage({ userId: 500, chatId: -1001, text: "/lienket" });
    const answer = await h.nthMessage(-1001);
    expect(String(answer.params.text)).toContain("đã được liên kết với Đoàn cơ sở Sở Tư pháp");
    expect(answer.params.reply_markup.inline_keyboard).toEqual([
      [{ text: "Đăng ký hồ sơ", url: "https://t.me/fake_doan_bot?start=u-u01" }],
    ]);
    expect((await h.bot.store.units.get("u01"))!.groups[0]).toMatchObject({ channel: "telegram", chatId: "-1001" });
  });
});
