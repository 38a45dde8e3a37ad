import { afterEach, describe, expect, it } from "vitest";
import type { Incoming, Reply } from "../../src/app/messages";
import { startTelegramHarness, type TelegramHarness } from "./harness";
import { createTestBot } from "../helpers/chat";

let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("Telegram channel, long polling over real HTTP", () => {
  it("answers /start and /help in Vietnamese", async () => {
    h = await startTelegramHarness();
    h.fake.pushMessage({ userId: 100, text: "/start" });
    expect((await h.nthMessage(100)).params.text).toContain("Xin chào!");
    h.fake.pushMessage({ userId: 100, text: "/help" });
    const help = String((await h.nthMessage(100, 2)).params.text);
    expect(help).toContain("/trogiup (/help)");
    expect(help).toContain("/ngonngu (/lang)");
  });

  it("publishes the command menu in Vietnamese (default) and English", async () => {
    h = await startTelegramHarness();
    const menus = h.fake.ok("setMyCommands");
    const vi = menus.find((c) => c.params.language_code === undefined)!;
    const en = menus.find((c) => c.params.language_code === "en")!;
    const names = (menu: typeof vi) => menu.params.commands.map((c: { command: string }) => c.command);
    expect(names(vi).slice(0, 2)).toEqual(["trogiup", "ngonngu"]);
    expect(names(en).slice(0, 2)).toEqual(["help", "lang"]);
    expect(names(vi)).not.toContain("start");
    expect(names(en)).toHaveLength(names(vi).length);
    expect(vi.params.commands[0].description).toBe("xem các lệnh bạn dùng được");
    expect(en.params.commands[1].description).toMatch(/language/);
  });

  it("shows buttons as an inline keyboard, and a press is acknowledged and answered", async () => {
    h = await startTelegramHarness();
    h.fake.pushMessage({ userId: 100, text: "/ngonngu" });
    const choice = await h.nthMessage(100);
    expect(choice.params.reply_markup.inline_keyboard).toEqual([
      [
        { text: "Tiếng Việt", callback_data: "/ngonngu vi" },
        { text: "English", callback_data: "/ngonngu en" },
      ],
    ]);
    h.fake.pushCallback({ userId: 100, data: "/ngonngu en" });
    expect((await h.nthMessage(100, 2)).params.text).toBe("Switched to English.");
    const [ack] = h.fake.ok("answerCallbackQuery");
    expect(ack!.params.callback_query_id).toMatch(/^cb-/);
    expect(h.received.at(-1)).toMatchObject({ text: "/ngonngu en", isButton: true, chatType: "private" });
  });

  it("handles an update delivered twice only once", async () => {
    h = await startTelegramHarness();
    const update = {
      message: {
        message_id: 7,
        date: 1,
        from: { id: 100, is_bot: false, first_name: "A" },
        chat: { id: 100, type: "private" },
        text: "/start",
      },
    };
    h.fake.push({ ...update, update_id: 50 });
    h.fake.push({ ...update, update_id: 50 });
    h.fake.pushMessage({ userId: 100, text: "/help" });
    await h.nthMessage(100, 2);
    const delivered = h.fake.ok("getUpdates").flatMap((c) => c.response.result as { update_id: number }[]);
    expect(delivered.filter((u) => u.update_id === 50)).toHaveLength(2);
    expect(h.texts(100).filter((t) => t.includes("Xin chào!"))).toHaveLength(1);
    expect(h.received.map((m) => m.text)).toEqual(["/start", "/help"]);
  });

  it("splits a reply over 4096 characters on line boundaries, buttons on the last part", async () => {
    const lines = Array.from({ length: 300 }, (_, i) => `Dòng ${i + 1}: ${Array(5).fill("đơn vị").join(" ")}`);
    const long: Reply = { text: lines.join("\n"), buttons: [[{ label: "OK", data: "/ok" }]] };
    h = await startTelegramHarness({ handle: async () => [long] });
    h.fake.pushMessage({ userId: 100, text: "/dai" });
    await h.fake.waitFor((c) => c.method === "sendMessage" && c.params.reply_markup !== undefined);
    const parts = h.texts(100);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.every((p) => p.startsWith("Dòng "))).toBe(true);
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
    expect(parts.join("\n")).toBe(long.text);
    const sends = h.fake.ok("sendMessage");
    expect(sends.map((c) => Boolean(c.params.reply_markup))).toEqual(parts.map((_, i) => i === parts.length - 1));
  });

  it("retries a message refused with 429 and delivers it once", async () => {
    h = await startTelegramHarness();
    h.fake.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    h.fake.pushMessage({ userId: 100, text: "/start" });
    await h.nthMessage(100);
    expect(h.fake.calls.filter((c) => c.method === "sendMessage").map((c) => c.response.error_code ?? 200)).toEqual([429, 200]);
    expect(h.texts(100)).toHaveLength(1);
  });

  it("keeps running after an update whose handling fails", async () => {
    let calls = 0;
    h = await startTelegramHarness({
      handle: async () => {
        if (++calls === 1) throw new Error("boom");
        return [{ text: "vẫn chạy" }];
      },
    });
    h.fake.pushMessage({ userId: 100, text: "/a" });
    h.fake.pushMessage({ userId: 100, text: "/b" });
    expect((await h.nthMessage(100)).params.text).toBe("vẫn chạy");
  });

  it("never sends a button whose data is over 64 bytes, and keeps going", async () => {
    const tooLong = `/duyet ${"đ".repeat(40)}`;
    h = await startTelegramHarness({
      handle: async (m) => (m.text === "/a" ? [{ text: "chọn", buttons: [[{ label: "X", data: tooLong }]] }] : [{ text: "tiếp" }]),
    });
    h.fake.pushMessage({ userId: 100, text: "/a" });
    h.fake.pushMessage({ userId: 100, text: "/b" });
    await h.nthMessage(100);
    expect(h.fake.calls.filter((c) => c.method === "sendMessage").map((c) => c.params.text)).toEqual(["tiếp"]);
  });

  it("asks for a contact with a one-time keyboard and hands the shared phone to the core", async () => {
    h = await startTelegramHarness({
      handle: async (m) => (m.contactPhone ? [{ text: `số ${m.contactPhone}` }] : [{ text: "Gửi số điện thoại", askContact: true }]),
    });
    h.fake.pushMessage({ userId: 100, text: "/sdt" });
    const ask = await h.nthMessage(100);
    expect(ask.params.reply_markup).toEqual({
      keyboard: [[{ text: "📱 Gửi số điện thoại của tôi", request_contact: true }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    });
    h.fake.pushMessage({ userId: 100, extra: { contact: { phone_number: "+84901234567", first_name: "A", user_id: 100 } } });
    const got = await h.nthMessage(100, 2);
    expect(got.params).toMatchObject({ text: "số +84901234567", reply_markup: { remove_keyboard: true } });
  });

  it("ignores a contact someone forwards that is not their own", async () => {
    h = await startTelegramHarness({ handle: async (m) => [{ text: m.contactPhone ? "có số" : "không có số" }] });
    h.fake.pushMessage({ userId: 100, extra: { contact: { phone_number: "+84900000000", first_name: "B", user_id: 999 } } });
    expect((await h.nthMessage(100)).params.text).toBe("không có số");
  });

  it("downloads a document through getFile when asked, and sends files back as documents", async () => {
    h = await startTelegramHarness({
      handle: async (m) => [{ text: `nhận ${m.document?.fileName}`, file: { name: "ket-qua.csv", content: Buffer.from("a;b\n1;2") } }],
    });
    const content = Buffer.from("ho_ten;don_vi\nNguyễn Văn A;u01\n");
    const fileId = h.fake.addFile(content, "documents/ds.csv");
    h.fake.pushMessage({
      userId: 100,
      extra: { document: { file_id: fileId, file_unique_id: "x", file_name: "danh-sach.csv", file_size: content.length } },
    });
    const doc = await h.fake.waitFor((c) => c.method === "sendDocument" && c.response.ok);
    expect(h.received[0]!.document).toMatchObject({ fileName: "danh-sach.csv", size: content.length });
    expect(await h.received[0]!.document!.download!()).toEqual(content); // fetched only when asked (by the core, after its checks)
    expect(h.texts(100)).toEqual(["nhận danh-sach.csv"]);
    expect(doc.params.document.filename).toBe("ket-qua.csv");
    expect(doc.params.document.content.toString()).toBe("a;b\n1;2");
  });

  it("explains that a document over 20 MB cannot be fetched, without bothering the core", async () => {
    h = await startTelegramHarness();
    h.fake.pushMessage({
      userId: 100,
      extra: { document: { file_id: "big", file_unique_id: "b", file_name: "lon.xlsx", file_size: 25 * 1024 * 1024 } },
    });
    expect((await h.nthMessage(100)).params.text).toContain("lớn hơn 20 MB");
    expect(h.received).toEqual([]);
    expect(h.fake.calls.some((c) => c.method === "getFile")).toBe(false);
  });

  it("treats a supergroup as a group and reports a migration once, with the old chat id", async () => {
    h = await startTelegramHarness({ handle: async () => [] });
    h.fake.pushMessage({ userId: 100, chatId: -5, chatType: "group", extra: { migrate_to_chat_id: -1005 } });
    h.fake.pushMessage({ userId: 100, chatId: -1005, chatType: "supergroup", extra: { migrate_from_chat_id: -5 } });
    h.fake.pushMessage({ userId: 100, chatId: -1005, chatType: "supergroup", text: "/trogiup" });
    await expect.poll(() => h!.received.length).toBe(2);
    const [migration, command] = h.received as [Incoming, Incoming];
    expect(migration).toMatchObject({ chatId: "-1005", migratedFromChatId: "-5", chatType: "group" });
    expect(command).toMatchObject({ chatId: "-1005", chatType: "group", text: "/trogiup" });
  });

  it("marks a group message replying to the bot or mentioning it as addressed to the bot, and plain talk as not", async () => {
    h = await startTelegramHarness({ handle: async () => [] });
    const group = { chatId: -1005, chatType: "supergroup" };
    const botMessage = {
      message_id: 7,
      date: 0,
      chat: { id: -1005, type: "supergroup", title: "Nhóm thử" },
      from: { id: 1, is_bot: true, first_name: "Fake" },
      text: "Nhóm đã liên kết",
    };
    h.fake.pushMessage({ userId: 100, ...group, text: "Chào cả nhà" });
    h.fake.pushMessage({ userId: 101, ...group, text: "cảm ơn", extra: { reply_to_message: botMessage } });
    h.fake.pushMessage({ userId: 102, ...group, text: "@Fake_Doan_Bot cho hỏi lịch học" });
    await expect.poll(() => h!.received.length).toBe(3);
    expect(h.received.map((m) => [m.userId, m.toBot ?? false])).toEqual([
      ["100", false],
      ["101", true],
      ["102", true],
    ]);
  });

  it("finishes the update in flight before stop resolves", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const begun = new Promise<void>((r) => (started = r));
    h = await startTelegramHarness({
      handle: async () => {
        started();
        await gate;
        return [{ text: "xong" }];
      },
    });
    h.fake.pushMessage({ userId: 100, text: "/cham" });
    await begun;
    const stopped = h.channel.stop();
    release();
    await stopped;
    expect(h.texts(100)).toEqual(["xong"]);
  });

  it("answers other chats while one chat's long work (an import) is still running, and that chat's next message after it", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    h = await startTelegramHarness({
      handle: async (msg) => {
        if (msg.text === "/nhapds") await gate;
        return [{ text: `đã xử lý ${msg.text}` }];
      },
    });
    h.fake.pushMessage({ userId: 100, text: "/nhapds" });
    h.fake.pushMessage({ userId: 100, text: "/hoso" });
    h.fake.pushMessage({ userId: 200, text: "/lichhoc" });
    expect((await h.nthMessage(200)).params.text).toBe("đã xử lý /lichhoc");
    expect(h.texts(100)).toEqual([]);
    release();
    await h.nthMessage(100, 2);
    expect(h.texts(100)).toEqual(["đã xử lý /nhapds", "đã xử lý /hoso"]);
  });
});

describe("documents: who sent it and its size are checked before any download", () => {
  it("never downloads a sheet from someone who may not import, and says so", async () => {
    h = await startTelegramHarness();
    const fileId = h.fake.addFile(Buffer.from("Họ và tên,Đơn vị\nNguyễn Văn A,u01\n"), "documents/ds.csv");
    h.fake.pushMessage({
      userId: 100,
      extra: { document: { file_id: fileId, file_unique_id: "x", file_name: "danh-sach.csv", file_size: 40 } },
    });
    expect((await h.nthMessage(100)).params.text).toBe("Bạn không có quyền dùng lệnh /nhapds. Gõ /trogiup để xem các lệnh dành cho bạn.");
    expect(h.fake.calls.some((c) => c.method === "getFile")).toBe(false);
  });

  it("does not download an admin's sheet declared over 10 MB", async () => {
    const bot = await createTestBot({ adminIds: ["telegram:100"] });
    h = await startTelegramHarness({ bot });
    h.fake.pushMessage({
      userId: 100,
      extra: { document: { file_id: "big", file_unique_id: "b", file_name: "ds.xlsx", file_size: 12 * 1024 * 1024 } },
    });
    expect((await h.nthMessage(100)).params.text).toBe("Tệp lớn hơn 10 MB nên bot không tải về. Bạn chia nhỏ tệp rồi gửi lại.");
    expect(h.fake.calls.some((c) => c.method === "getFile")).toBe(false);
  });

  it("downloads an admin's sheet and imports it", async () => {
    const bot = await createTestBot({ adminIds: ["telegram:100"] });
    h = await startTelegramHarness({ bot });
    const fileId = h.fake.addFile(Buffer.from("Họ và tên,Đơn vị\nNguyễn Văn A,u01\n"), "documents/ds.csv");
    h.fake.pushMessage({
      userId: 100,
      extra: { document: { file_id: fileId, file_unique_id: "x", file_name: "danh-sach.csv", file_size: 40 } },
    });
    expect((await h.nthMessage(100)).params.text).toContain("Tệp thiếu cột");
    expect(h.fake.ok("getFile")).toHaveLength(1);
  });
});
