import { Api } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { deliverNotice } from "../helpers/notices";
import { CallbackDataTooLong, telegramSender } from "../../src/channels/telegram";
import { planReply } from "../../src/channels/telegram/outgoing";
import { Unreachable } from "../../src/app/sender";
import { createTestBot, seedUnit } from "../helpers/chat";
import { startFakeBotApi, type FakeBotApi } from "./fake-bot-api";

const labels = { shareContact: "📱", contactPrompt: "Hoặc bấm nút" };

describe("replies as Telegram messages", () => {
  it("refuses to build a button whose data Telegram would refuse", () => {
    expect(() => planReply({ text: "x", buttons: [[{ label: "A", data: `/duyet ${"đ".repeat(29)}` }]] }, labels)).toThrow(
      CallbackDataTooLong,
    );
    expect(() => planReply({ text: "x", buttons: [[{ label: "A", data: "" }]] }, labels)).toThrow(CallbackDataTooLong);
    expect(planReply({ text: "x", buttons: [[{ label: "A", data: `/duyet ${"đ".repeat(28)}` }]] }, labels).texts).toHaveLength(1);
  });

  it("puts inline buttons on the text and the contact request on its own message when a reply has both", () => {
    const plan = planReply({ text: "Số điện thoại?", buttons: [[{ label: "Hủy", data: "/huy" }]], askContact: true }, labels);
    expect(plan.texts.map((t) => Object.keys(t.markup ?? {}))).toEqual([
      ["inline_keyboard"],
      ["keyboard", "one_time_keyboard", "resize_keyboard"],
    ]);
    expect(plan.texts[1]!.text).toBe("Hoặc bấm nút");
  });
});

describe("notifications through Telegram", () => {
  let fake: FakeBotApi | undefined;
  afterEach(() => fake?.close());

  it("marks a person who blocked the bot as unreachable", async () => {
    fake = await startFakeBotApi();
    const api = new Api(fake.token, { apiRoot: fake.apiRoot });
    const send = telegramSender(api, async () => labels);
    fake.block(200);
    await expect(send.send({ channel: "telegram", chatId: "200" }, { text: "Nhắc báo cáo" })).rejects.toBeInstanceOf(Unreachable);

    const bot = await createTestBot();
    const [personId] = await seedUnit(bot.store, { id: "u01" }, [{ userId: "200" }]);
    expect((await deliverNotice(bot, { telegram: send }, { personId: personId! }, { text: "Nhắc báo cáo" })).status).toBe("unreachable");
    expect((await bot.store.accounts.get("telegram:200"))!.unreachable).toBe(true);
  });

  it("delivers a notification as a Telegram message", async () => {
    fake = await startFakeBotApi();
    const send = telegramSender(new Api(fake.token, { apiRoot: fake.apiRoot }), async () => labels);
    await send.send(
      { channel: "telegram", chatId: "300" },
      { text: "Lớp bồi dưỡng mở đăng ký", buttons: [[{ label: "Xem", data: "/lop" }]] },
    );
    expect(fake.ok("sendMessage")[0]!.params).toMatchObject({ chat_id: "300", text: "Lớp bồi dưỡng mở đăng ký" });
  });
});
