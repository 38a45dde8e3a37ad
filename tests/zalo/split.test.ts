import { describe, expect, it } from "vitest";
import { pickOption } from "../../src/chat/numbered";
import { splitText } from "../../src/chat/split";
import { stripMention, toIncoming } from "../../src/channels/zalo/updates";

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
  it("removes the bot's @mention wherever it is, and says when there was none", () => {
    expect(stripMention("@Đoàn Khối Bot /trogiup", ["Đoàn Khối Bot"])).toBe("/trogiup");
    expect(stripMention("/lichhoc @doan_bot", ["Đoàn Khối Bot", "doan_bot"])).toBe("/lichhoc");
    expect(stripMention("@doan_bot2 hi", ["doan_bot"])).toBeUndefined();
    expect(stripMention("/trogiup", ["doan_bot"])).toBeUndefined();
  });

  it("maps a private text message to an Incoming of the zalo channel", () => {
    const update = { event_name: "message.text.received", message: { message_id: "m1", from: { id: "u1" }, chat: { id: "u1", chat_type: "PRIVATE" }, text: "hi" } };
    expect(toIncoming(update as never, [])).toEqual({ channel: "zalo", chatId: "u1", userId: "u1", chatType: "private", text: "hi" });
    expect(toIncoming({ ...update, event_name: "message.image.received" } as never, [])).toBeUndefined();
  });
});
