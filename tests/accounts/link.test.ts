import { describe, expect, it } from "vitest";
import { deliverNotice } from "../helpers/notices";
import type { ChatAddress, Reply } from "../../src/app/messages";
import { createTestBot, seedUnit, type TestBot } from "../helpers/chat";
import { zaloDriver } from "../helpers/channels";
import { account } from "../helpers/records";

const onTelegram = (bot: TestBot, user: string, text: string) => bot.text(user, text);
const onZalo = (bot: TestBot, user: string, text: string) => bot.text(user, text, { channel: "zalo", chatId: user });

/** Asks for a code on Telegram and reads it from the answer. */
async function codeFromTelegram(bot: TestBot, user = "t1"): Promise<string> {
  const answer = await onTelegram(bot, user, "/maketnoi");
  const code = /Mã kết nối của bạn: ([A-Z0-9]{6})/.exec(answer)?.[1];
  if (!code) throw new Error(`no code in: ${answer}`);
  return code;
}

async function personOf(bot: TestBot, accountId: string): Promise<string | undefined> {
  return (await bot.store.accounts.get(accountId))?.personId;
}

describe("one person on Telegram and Zalo", () => {
  it("links the Zalo account of a cadre registered on Telegram with a code shown on Telegram", async () => {
    const bot = await createTestBot();
    const [cadre] = await seedUnit(bot.store, { id: "u01" }, [{ userId: "t1", fullName: "Trần Thị Bình" }]);
    const code = await codeFromTelegram(bot);
    expect(await onZalo(bot, "z1", "/start")).toContain("Xin chào!");
    const fresh = await personOf(bot, "zalo:z1");

    expect(await onZalo(bot, "z1", `/ketnoi ${code}`)).toContain(
      "Đã kết nối! Tài khoản Zalo này và tài khoản Telegram của bạn giờ là một.",
    );
    expect(await personOf(bot, "zalo:z1")).toBe(cadre);
    expect(await bot.store.people.get(fresh!)).toBeUndefined();
    expect(await onZalo(bot, "z1", "/start")).toContain("Chào Trần Thị Bình!");
    expect(await bot.store.linkCodes.count()).toBe(0);
  });

  it("links the other way too: a code shown on Zalo, sent by the cadre on Telegram, keeps the cadre's record", async () => {
    const bot = await createTestBot();
    const [cadre] = await seedUnit(bot.store, { id: "u01" }, [{ userId: "t1", fullName: "Lê Văn Cường" }]);
    const code = /([A-Z0-9]{6})\n/.exec(await onZalo(bot, "z1", "/linkcode"))![1]!;
    expect(await onTelegram(bot, "t1", `/connect ${code.toLowerCase()}`)).toContain("Đã kết nối!");
    expect(await personOf(bot, "zalo:z1")).toBe(cadre);
    expect(await onZalo(bot, "z1", "/start")).toContain("Chào Lê Văn Cường!");
  });

  it("keeps the chosen language of the fresh account when the person had none", async () => {
    const bot = await createTestBot();
    const [cadre] = await seedUnit(bot.store, { id: "u01" }, [{ userId: "t1" }]);
    const code = await codeFromTelegram(bot);
    await onZalo(bot, "z1", "/ngonngu en");
    await onZalo(bot, "z1", `/ketnoi ${code}`);
    expect((await bot.store.people.get(cadre!))!.locale).toBe("en");
  });

  it("refuses a wrong code with a clear sentence and counts the attempt", async () => {
    const bot = await createTestBot();
    await codeFromTelegram(bot);
    expect(await onZalo(bot, "z1", "/ketnoi ABCDEF")).toBe(
      "Mã ABCDEF không đúng (có thể đã được dùng rồi). Bạn kiểm tra lại mã, hoặc gõ /maketnoi ở kênh kia để lấy mã mới. Còn 4 lần thử.",
    );
    expect((await bot.store.linkAttempts.all()).map((a) => a.failures)).toEqual([1]);
  });

  it("refuses an expired code after 10 minutes and asks for a new one", async () => {
    const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z" });
    const code = await codeFromTelegram(bot);
    bot.setNow("2026-11-29T03:10:01.000Z");
    expect(await onZalo(bot, "z1", `/ketnoi ${code}`)).toBe(
      `Mã ${code} đã hết hạn (mã chỉ dùng được trong 10 phút). Hãy gõ /maketnoi ở kênh kia để lấy mã mới.`,
    );
    expect(await personOf(bot, "zalo:z1")).not.toBe(await personOf(bot, "telegram:t1"));
  });

  it("shows when the code expires, in Vietnam time", async () => {
    const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z" });
    expect(await onTelegram(bot, "t1", "/maketnoi")).toContain("hết hạn lúc 10:10 29/11/2026");
  });

  it("accepts a code only once", async () => {
    const bot = await createTestBot();
    const code = await codeFromTelegram(bot);
    expect(await onZalo(bot, "z1", `/ketnoi ${code}`)).toContain("Đã kết nối!");
    expect(await onZalo(bot, "z2", `/ketnoi ${code}`)).toContain(`Mã ${code} không đúng`);
    expect(await personOf(bot, "zalo:z2")).not.toBe(await personOf(bot, "telegram:t1"));
  });

  it("replaces an earlier code when the person asks for a new one", async () => {
    const bot = await createTestBot();
    const first = await codeFromTelegram(bot);
    const second = await codeFromTelegram(bot);
    expect(await onZalo(bot, "z1", `/ketnoi ${first}`)).toContain("không đúng");
    expect(await onZalo(bot, "z1", `/ketnoi ${second}`)).toContain("Đã kết nối!");
  });

  it("stops taking codes after 5 wrong ones, even the right one, for 15 minutes", async () => {
    const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z" });
    for (const guess of ["AAAAAA", "BBBBBB", "CCCCCC", "DDDDDD"]) await onZalo(bot, "z1", `/ketnoi ${guess}`);
    expect(await onZalo(bot, "z1", "/ketnoi EEEEEE")).toContain("Còn 0 lần thử.");
    const code = await codeFromTelegram(bot);
    expect(await onZalo(bot, "z1", `/ketnoi ${code}`)).toBe("Bạn đã nhập sai mã quá nhiều lần. Hãy thử lại sau 15 phút.");
    bot.setNow("2026-11-29T03:09:00.000Z");
    expect(await onZalo(bot, "z1", `/ketnoi ${code}`)).toContain("Hãy thử lại sau 6 phút.");
    bot.setNow("2026-11-29T03:15:00.000Z");
    expect(await onZalo(bot, "z1", `/ketnoi ${await codeFromTelegram(bot)}`)).toContain("Đã kết nối!");
  });

  it("keeps counting wrong codes per account through /xoadulieu, until the 15-minute window ends", async () => {
    const bot = await createTestBot({ now: "2026-11-29T03:00:00.000Z" });
    for (const guess of ["AAAAAA", "BBBBBB", "CCCCCC"]) await onZalo(bot, "z1", `/ketnoi ${guess}`);
    await onZalo(bot, "z1", "/xoadulieu xacnhan");
    expect(await bot.store.accounts.get("zalo:z1")).toBeUndefined();
    expect(await onZalo(bot, "z1", "/ketnoi DDDDDD")).toContain("Còn 1 lần thử.");
    await onZalo(bot, "z1", "/ketnoi EEEEEE");
    await onZalo(bot, "z1", "/xoadulieu xacnhan");
    const code = await codeFromTelegram(bot);
    expect(await onZalo(bot, "z1", `/ketnoi ${code}`)).toBe("Bạn đã nhập sai mã quá nhiều lần. Hãy thử lại sau 15 phút.");
    bot.setNow("2026-11-29T03:15:00.000Z");
    await onZalo(bot, "z1", "/xoadulieu xacnhan");
    expect(await bot.store.linkAttempts.count()).toBe(0);
    expect(await onZalo(bot, "z1", `/ketnoi ${await codeFromTelegram(bot)}`)).toContain("Đã kết nối!");
  });

  it("refuses to merge two accounts that both have a cadre record, and explains why", async () => {
    const bot = await createTestBot();
    await seedUnit(bot.store, { id: "u01" }, [{ userId: "t1" }]);
    await seedUnit(bot.store, { id: "u02" }, [{ userId: "t9" }]);
    await bot.store.accounts.put(account("zalo", "z1", "p-t9", { lastSeenAt: "2026-11-29T03:00:00.000Z" }));
    const code = await codeFromTelegram(bot);
    expect(await onZalo(bot, "z1", `/ketnoi ${code}`)).toContain("cả hai tài khoản đều đã có hồ sơ cán bộ riêng");
    expect(await personOf(bot, "zalo:z1")).toBe("p-t9");
    expect(await bot.store.people.get("p-t1")).toBeDefined();
    expect(await personOf(bot, "telegram:t1")).toBe("p-t1");
  });

  it("refuses a code sent from the channel it was made on", async () => {
    const bot = await createTestBot();
    const code = await codeFromTelegram(bot);
    expect(await onTelegram(bot, "t2", `/ketnoi ${code}`)).toContain("Mã này được tạo trên telegram");
  });

  it("explains how to use /ketnoi without a code, and keeps codes out of group chats", async () => {
    const bot = await createTestBot();
    expect(await onZalo(bot, "z1", "/ketnoi")).toContain("ví dụ: /ketnoi K7M2QX");
    expect(await bot.text("t1", "/maketnoi", { chatType: "group", chatId: "-500" })).toContain("chỉ dùng trong tin nhắn riêng");
  });

  it("links through the real Zalo channel: code from Telegram, sent in a Zalo chat", async () => {
    const bot = await createTestBot();
    const [cadre] = await seedUnit(bot.store, { id: "u01" }, [{ userId: "t1", fullName: "Phạm Thị Dung" }]);
    const zalo = await zaloDriver(bot);
    try {
      const code = await codeFromTelegram(bot);
      expect((await zalo.say("z1", `/ketnoi ${code}`)).join("\n")).toContain("Đã kết nối!");
      expect(await personOf(bot, "zalo:z1")).toBe(cadre);
      expect((await zalo.say("z1", "/start")).join("\n")).toContain("Chào Phạm Thị Dung!");
    } finally {
      await zalo.close();
    }
  });
});

describe("choosing the channel for notifications", () => {
  async function linkedBot() {
    const bot = await createTestBot();
    const [cadre] = await seedUnit(bot.store, { id: "u01" }, [{ userId: "t1" }]);
    await onZalo(bot, "z1", `/ketnoi ${await codeFromTelegram(bot)}`);
    return { bot, cadre: cadre! };
  }

  it("offers the linked channels and automatic, and saves the choice", async () => {
    const { bot, cadre } = await linkedBot();
    const [offer] = await bot.say("t1", "/kenh");
    expect(offer!.text).toBe("Bạn muốn nhận thông báo qua kênh nào? Hiện tại: Tự động (kênh dùng gần nhất).");
    expect(
      offer!
        .buttons!.flat()
        .map((b) => b.data)
        .sort(),
    ).toEqual(["/kenh telegram", "/kenh tudong", "/kenh zalo"]);
    expect(await onTelegram(bot, "t1", "/kenh zalo")).toBe("Từ nay thông báo sẽ gửi qua Zalo.");
    expect((await bot.store.people.get(cadre))!.preferredChannel).toBe("zalo");
    expect(await onTelegram(bot, "t1", "/channel auto")).toBe("Từ nay thông báo sẽ gửi qua kênh bạn dùng gần nhất.");
    expect((await bot.store.people.get(cadre))!.preferredChannel).toBeUndefined();
  });

  it("sends notifications to the chosen channel even when the other was used last", async () => {
    const { bot, cadre } = await linkedBot();
    await onTelegram(bot, "t1", "/kenh zalo");
    bot.setNow("2026-11-29T06:00:00.000Z");
    await onTelegram(bot, "t1", "/start");
    const got: string[] = [];
    const sender = (channel: string) => ({
      send: async ({ chatId }: ChatAddress, reply: Reply) => void got.push(`${channel}:${chatId}:${reply.text}`),
    });
    const senders = { telegram: sender("telegram"), zalo: sender("zalo") };
    expect((await deliverNotice(bot, senders, { personId: cadre }, { text: "Lịch học mới" })).status).toBe("sent");
    expect(got).toEqual(["zalo:z1:Lịch học mới"]);
  });

  it("says there is only one channel when nothing is linked, and refuses a channel not linked", async () => {
    const bot = await createTestBot();
    expect(await onZalo(bot, "z1", "/kenh")).toContain("Bạn mới dùng bot qua Zalo");
    expect(await onZalo(bot, "z1", "/kenh telegram")).toBe('Bạn chưa kết nối kênh "telegram". Gõ /kenh để xem các kênh của bạn.');
  });
});
