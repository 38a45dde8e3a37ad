import { describe, expect, it } from "vitest";
import { pickOption } from "../../src/chat/numbered";
import { splitText } from "../../src/chat/split";
import { isEcho, stripMention, toIncoming } from "../../src/channels/zalo/updates";

describe("splitting long texts", () => {
  it("keeps a short text whole and gives nothing for an empty one", () => {
    expect(splitText("Xin chào", 2000)).toEqual(["Xin chào"]);
    expect(splitText("", 2000)).toEqual([]);
  });

  it("cuts on line boundaries, each piece within the limit", () => {
    const text = ["a".repeat(900), "b".repeat(900), "c".repeat(900)].join("\n");
    expect(splitText(text, 2000)).toEqual([`${"a".repeat(900)}\n${"b".repeat(900)}`, "c".repeat(900)]);
  });

  it("cuts a single line longer than the limit at a space, never inside an emoji", () => {
    const words = Array.from({ length: 500 }, () => "đoàn").join(" ");
    const pieces = splitText(words, 2000);
    expect(pieces.every((p) => p.length <= 2000 && !p.startsWith(" ") && !p.endsWith(" "))).toBe(true);
    expect(pieces.join(" ")).toBe(words);
    const emoji = "😀".repeat(1500);
    expect(splitText(emoji, 2000).join("")).toBe(emoji);
  });
});

describe("numbered options", () => {
  const options = [
    { label: "Tiếng Việt", data: "/ngonngu vi" },
    { label: "English", data: "/ngonngu en" },
  ];

  it("takes a number, a number with a dot, the label without diacritics, or the copied line", () => {
    expect(pickOption("2", options).text).toBe("/ngonngu en");
    expect(pickOption(" 1. ", options).text).toBe("/ngonngu vi");
    expect(pickOption("tieng viet", options).text).toBe("/ngonngu vi");
    expect(pickOption("2. English", options).text).toBe("/ngonngu en");
  });

  it("leaves commands, unknown numbers and other text as typed", () => {
    expect(pickOption("/trogiup", options)).toEqual({ text: "/trogiup", isButton: false });
    expect(pickOption("7", options)).toEqual({ text: "7", isButton: false });
    expect(pickOption("1995", options)).toEqual({ text: "1995", isButton: false });
    expect(pickOption("1. English", options)).toEqual({ text: "1. English", isButton: false });
  });
});

describe("group messages", () => {
  it("takes off everything before the first /command, whatever name was typed", () => {
    expect(stripMention("@Bot Đoàn Khối /trogiup", [])).toBe("/trogiup");
    expect(stripMention("@Bot Đoàn Khối Cần Thơ  /start u-u01", [])).toBe("/start u-u01");
    expect(stripMention("@Bot ĐK xin cho hỏi /lichhoc", [])).toBe("/lichhoc");
    expect(stripMention("/lichhoc", [])).toBe("/lichhoc");
  });

  it("takes off a leading @ of the configured name or the account name when no command follows, and the name elsewhere", () => {
    expect(stripMention("@Bot Đoàn Khối 2", ["Bot Đoàn Khối"])).toBe("2");
    expect(stripMention("@bot đoàn khối, Có", ["Bot Đoàn Khối"])).toBe("Có");
    expect(stripMention("@bot.DoanKhoiCT 1", ["bot.DoanKhoiCT"])).toBe("1");
    expect(stripMention("/lichhoc @Bot Đoàn Khối", ["Bot Đoàn Khối"])).toBe("/lichhoc");
  });

  it("keeps a text with neither a command nor a known name as typed", () => {
    expect(stripMention("@Bot Đoàn Khối 2", [])).toBe("@Bot Đoàn Khối 2");
    expect(stripMention("@Bot Đoàn Khối2 hi", ["Bot Đoàn Khối"])).toBe("@Bot Đoàn Khối2 hi");
    expect(stripMention("xem trang a/b nhé", [])).toBe("xem trang a/b nhé");
  });

  it("maps a private text message to an Incoming of the zalo channel, and nothing else", () => {
    const update = { event_name: "message.text.received", message: { message_id: "m1", from: { id: "u1" }, chat: { id: "u1", chat_type: "PRIVATE" }, text: "hi" } };
    expect(toIncoming(update as never, [])).toEqual({ channel: "zalo", chatId: "u1", userId: "u1", chatType: "private", text: "hi" });
    expect(toIncoming({ ...update, event_name: "message.image.received" } as never, [])).toBeUndefined();
  });

  it("maps every group text to an Incoming of the group, mention taken off (Zalo sends only those that mention or quote the bot)", () => {
    const update = { event_name: "message.text.received", message: { message_id: "m2", from: { id: "u1" }, chat: { id: "g1", chat_type: "GROUP" }, text: "@Bot Đoàn Khối /trogiup" } };
    expect(toIncoming(update as never, [])).toEqual({ channel: "zalo", chatId: "g1", userId: "u1", chatType: "group", text: "/trogiup", toBot: true });
    const quoted = { ...update, message: { ...update.message, text: "Có" } };
    expect(toIncoming(quoted as never, [])).toEqual({ channel: "zalo", chatId: "g1", userId: "u1", chatType: "group", text: "Có", toBot: true });
  });
});

describe("echoes of the bot's own messages", () => {
  const me = { id: "1459232241454765289", account_name: "bot.DoanKhoiCT" };
  const from = (f: Record<string, unknown>) => ({ event_name: "message.text.received", message: { message_id: "x", from: f, chat: { id: "u1", chat_type: "PRIVATE" }, text: "Bot chưa hiểu tin nhắn này" } });

  it("knows an update from a bot, or from the bot's own id, as an echo; a person's message is not", () => {
    expect(isEcho(from({ id: "other-bot", is_bot: true }) as never, me)).toBe(true);
    expect(isEcho(from({ id: "1459232241454765289" }) as never, me)).toBe(true);
    expect(isEcho(from({ id: "u1", is_bot: false }) as never, me)).toBe(false);
    expect(isEcho(from({ id: "u1" }) as never, undefined)).toBe(false);
  });
});
