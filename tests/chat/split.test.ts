import { describe, expect, it } from "vitest";
import { planReply } from "../../src/channels/telegram/outgoing";
import { zaloTexts } from "../../src/channels/zalo/send";
import { splitText, TEXT_LIMITS } from "../../src/chat/split";
import { translator } from "../../src/i18n";

const labels = { shareContact: "📱", contactPrompt: "Hoặc bấm nút" };
/** The texts a reply becomes on each channel, through each channel's own path. */
const onTelegram = (text: string) => planReply({ text }, labels).texts.map((m) => m.text);
const onZalo = (text: string) => zaloTexts({ text }, translator("vi"));
/** `n` words "đoàn" joined by spaces: 5n − 1 characters. */
const words = (n: number) => Array.from({ length: n }, () => "đoàn").join(" ");

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
    const text = words(500);
    const pieces = splitText(text, 2000);
    expect(pieces.every((p) => p.length <= 2000 && !p.startsWith(" ") && !p.endsWith(" "))).toBe(true);
    expect(pieces.join(" ")).toBe(text);
    const emoji = "😀".repeat(1500);
    expect(splitText(emoji, 2000).join("")).toBe(emoji);
    const line = `${"a".repeat(4095)}😀${"b".repeat(10)}`;
    expect(splitText(line, 4096).map((p) => p.length)).toEqual([4095, 12]);
  });

  it("keeps every line of a long list, in order", () => {
    const text = Array.from({ length: 500 }, (_, i) => `${i + 1}. Chi đoàn mẫu số ${i + 1}`).join("\n");
    const parts = splitText(text, 4096);
    expect(parts.length).toBe(4);
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
    expect(parts.join("\n")).toBe(text);
  });
});

describe("the same splitting on every channel, at each channel's limit", () => {
  it("has the limits Telegram (4,096) and Zalo (2,000) accept", () => {
    expect(TEXT_LIMITS).toEqual({ telegram: 4096, zalo: 2000 });
  });

  it("breaks a long text between the same lines on Telegram and Zalo, each within its limit", () => {
    const [a, b, c] = ["a", "b", "c"].map((x) => x.repeat(1500));
    const text = [a, b, c].join("\n");
    expect(onTelegram(text)).toEqual([`${a}\n${b}`, c]);
    expect(onZalo(text)).toEqual([a, b, c]);
  });

  it("cuts a line longer than the limit at a space on both channels, so no word is broken", () => {
    const text = words(1000); // 4,999 characters on one line
    expect(onTelegram(text)).toEqual([words(819), words(181)]);
    expect(onZalo(text)).toEqual([words(400), words(400), words(200)]);
  });
});
