/**
 * An old choice answered after its question is over: a Telegram button of a wizard left with /huy,
 * a number typed on Zalo or the console once its options are gone. Found on the demo's console: a
 * Secretary typed "1" again after approving and was told the bot did not understand.
 */
import { afterEach, describe, expect, it } from "vitest";
import { drivers, type ChannelDriver } from "../helpers/channels";
import { createTestBot, seedUnit } from "../helpers/chat";

describe("an old choice answered again", () => {
  it("says a Telegram button of a wizard already left belongs to something done or cancelled", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" });
    await bot.say("admin", "/taolop");
    expect(await bot.text("admin", "/huy")).toBe("Đã hủy. Thông tin bạn đang nhập dở không được lưu.");
    expect(await bot.text("admin", "youth-work", { isButton: true })).toBe(
      "Lựa chọn này thuộc một việc đã xong hoặc đã hủy nên không còn dùng được. Bạn gõ lại lệnh nếu muốn làm lại, hoặc /trogiup để xem các lệnh.",
    );
    expect(await bot.text("admin", "youth-work")).toBe("Bot chưa hiểu tin nhắn này. Gõ /trogiup để xem bạn có thể làm gì.");
  });
});

describe.each(drivers)("a number typed with no options open (%s)", (_name, open) => {
  let d: ChannelDriver;
  afterEach(async () => d?.close());

  it("says no option of that number is waiting, in the person's language", async () => {
    d = await open({ adminIds: ["telegram:900", "zalo:900", "console:900"] });
    await d.say("900", "/taolop");
    await d.say("900", "/huy");
    expect(await d.say("900", "2")).toEqual([
      "Hiện không có lựa chọn số 2 nào đang chờ bạn trả lời (việc trước đã xong, đã hủy hoặc đã quá 24 giờ). Bạn gõ lại lệnh để xem các lựa chọn mới, hoặc /trogiup để xem các lệnh.",
    ]);
    await d.say("900", "/lang en");
    expect(await d.say("900", "1")).toEqual([
      "No option number 1 is waiting for your answer (what it belonged to is done, cancelled or over 24 hours old). Type the command again to see new options, or /help to see the commands.",
    ]);
  });
});
